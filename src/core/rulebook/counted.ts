/** The criteria of a group that count towards the total: none of an unscored group, else the scored ones. */
export function countedCriteria<C extends { scored?: boolean }>(group: {
  scored?: boolean;
  criteria: C[];
}): C[] {
  return group.scored === false ? [] : group.criteria.filter((c) => c.scored !== false);
}
