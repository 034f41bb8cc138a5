import type { ApiContext } from '../routes/api-context.js';
import { listRes, type Res } from './resource.js';

/** `GET /lookupSvc`: the lookup service with its one query link (`lookup?type=Vm&name=`). */
export function lookupServiceRes(base: string): Res {
  return {
    tag: 'LookupService',
    attrs: [
      ['Type', 'LookupService'],
      ['Href', `${base}/lookupSvc`],
    ],
    links: [{ rel: 'Down', type: 'HierarchyItemList', href: `${base}/lookup?type=Vm&name=` }],
    fields: [],
  };
}

/** `GET /lookup?type=Vm&name=X`: the VM's hierarchy reference, or an empty `HierarchyItems`. */
export function lookupRes(api: ApiContext): Res {
  const name = api.params.get('name') ?? '';
  const type = (api.params.get('type') ?? 'Vm').toLowerCase();
  const vm = type === 'vm' && name !== '' ? api.render.store.inventory.vmNamed(name) : undefined;
  const items: Res[] = vm
    ? [
        {
          tag: 'HierarchyItem',
          attrs: [['Type', 'HierarchyItem']],
          fields: [
            ['ObjectRef', vm.uid],
            ['ObjectType', 'Vm'],
            ['ObjectName', vm.name],
          ],
        },
      ]
    : [];
  return listRes('HierarchyItems', items);
}
