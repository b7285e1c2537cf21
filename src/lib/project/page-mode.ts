/** Which kind of page a playground URL opens, decided from its query alone (the early worker start needs it before the page's modules run). */

/** True when QUERY opens a quick request (`spec=`, `group=`, `repo=` or `mode=request`); otherwise a project opens. */
export function opensQuickRequest(query: URLSearchParams): boolean {
  return ['spec', 'group', 'repo'].some((k) => query.has(k)) || query.get('mode') === 'request';
}
