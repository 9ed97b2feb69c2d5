/**
 * The list commands' paging: one page (`--offset`, `--count`) or, with `--all`, every item.
 * @module
 */

/** The `list` and `all` methods of an SDK namespace such as `client.archives`. */
export interface Listable<Item, Filter extends object> {
  list(options: Filter & { offset: number; count: number }): Promise<{ count: number; items: Item[] }>;
  all(options: Filter & { pageSize: number }): AsyncIterable<Item>;
}

/** The items to show and, for one page, the total the service counts (to say how many are left). */
export async function listItems<Item, Filter extends object>(
  resource: Listable<Item, Filter>,
  filter: Filter,
  flags: { all?: boolean | undefined; count: number; offset: number },
): Promise<{ items: Item[]; total: number | undefined }> {
  if (!flags.all) {
    const page = await resource.list({ ...filter, count: flags.count, offset: flags.offset });
    return { items: page.items, total: page.count };
  }
  const items: Item[] = [];
  for await (const each of resource.all({ ...filter, pageSize: flags.count })) items.push(each);
  return { items, total: undefined };
}
