/**
 * When the topology takes in what a refresh brought. Each query of a refresh (the mesh list, the
 * gateways, each expanded mesh's aggregates, each gateway proxy's Envoy stats) runs on a timer of
 * its own, so their answers arrive one by one; each answer taken alone made a new model for the
 * canvas to take in whole. What they bring is held until every query has answered again, with
 * data or an error, for one interval at most. A query's first answer and a new structure (a mesh
 * expanded or collapsed, a new dataplane list) are taken at once.
 */

/** A query of the refresh: a name unique among them, and when it last answered. */
export interface RefreshAnswer {
  readonly id: string;
  /** When it last answered (data or error); undefined while it has no data. */
  readonly answeredAt: number | undefined;
}

/** What a query result says about its answers (react-query's fields). */
export interface AnsweringQuery {
  readonly data: unknown;
  readonly dataUpdatedAt: number;
  readonly errorUpdatedAt: number;
}

/** A query's place in the refresh: a failed refetch is an answer too (its data stays). */
export function answerOf(id: string, query: AnsweringQuery): RefreshAnswer {
  return {
    id,
    answeredAt:
      query.data === undefined ? undefined : Math.max(query.dataUpdatedAt, query.errorUpdatedAt),
  };
}

/** What was taken last, and when. */
export interface RefreshTake {
  readonly at: number;
  /** Compared by identity: a new value is a new structure. */
  readonly structure: unknown;
  /** The queries that had data then. */
  readonly answered: ReadonlySet<string>;
}

/** Whether what the queries brought since the last take waits for the rest of the refresh. */
export function holdsRefresh(
  taken: RefreshTake,
  answers: readonly RefreshAnswer[],
  structure: unknown,
  now: number,
  refreshMs: number,
): boolean {
  if (structure !== taken.structure) return false;
  const withData = answers.flatMap((answer) =>
    answer.answeredAt === undefined ? [] : [{ id: answer.id, at: answer.answeredAt }],
  );
  // A first answer is drawn at once. A query gone (a proxy disconnected, a mesh collapsed) is no
  // reason to draw: it is only no longer waited for.
  if (withData.some((answer) => !taken.answered.has(answer.id))) return false;
  const news = withData.filter((answer) => answer.at > taken.at);
  if (news.length === 0) return false;
  // Counted from the first answer held: a take at the end of one refresh sees the next one's
  // answers about an interval later.
  if (now - Math.min(...news.map((answer) => answer.at)) >= refreshMs) return false;
  return news.length < withData.length;
}

/** What a render that does not hold takes: its time, its structure, the queries with data. */
export function takeRefresh(
  answers: readonly RefreshAnswer[],
  structure: unknown,
  now: number,
): RefreshTake {
  const answered = answers.filter((answer) => answer.answeredAt !== undefined);
  return { at: now, structure, answered: new Set(answered.map((answer) => answer.id)) };
}
