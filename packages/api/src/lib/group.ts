/**
 * Appends `value` to the list `map` keeps for `key`, creating it on first use: grouping in one
 * pass without copying a list per item (`[...(map.get(k) ?? []), v]` is quadratic in a group).
 */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
