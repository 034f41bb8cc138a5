/** Text truncation and the Block Kit limit guard, in one import for views and listeners. */
export { andMore, packLines, truncate, truncateMrkdwn } from './truncate-text.js';
export { fitBlocks, GROUP_PREFIX, ITEM_PREFIX, type FitOptions } from './fit-blocks.js';
