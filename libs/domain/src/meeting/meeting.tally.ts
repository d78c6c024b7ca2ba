import type { RankedProposal } from './meeting.events.js';

export type RoundRules = Readonly<{ size: number; ranked: boolean }>;

/**
 * The points one ballot gives: ranked, the 1st of a top N gets N points, the 2nd N-1, ... the Nth 1
 * (a shorter ballot gives its items the same points as the first places of a full one); unranked, every
 * named proposal gets 1 point.
 */
export function pointsOf(rules: RoundRules, ballot: readonly string[]): Map<string, number> {
  const points = new Map<string, number>();
  ballot.forEach((proposalId, index) => points.set(proposalId, rules.ranked ? rules.size - index : 1));
  return points;
}

/**
 * Sums the ballots over the round's proposals and ranks them. Every proposal of the round is listed, also
 * with 0 points. Order: score, highest first; equal scores keep the proposals' creation order (the order
 * of `proposalIds`). Ties are ties: proposals with the same score share a rank, and the next rank skips
 * ("8, 8, 5" ranks 1, 1, 3).
 */
export function tally(
  rules: RoundRules,
  proposalIds: readonly string[],
  ballots: Iterable<readonly string[]>,
): RankedProposal[] {
  const scores = new Map<string, number>(proposalIds.map((id) => [id, 0]));
  for (const ballot of ballots) {
    for (const [proposalId, points] of pointsOf(rules, ballot)) {
      if (scores.has(proposalId)) scores.set(proposalId, scores.get(proposalId)! + points);
    }
  }
  return rankScores(proposalIds, scores);
}

/**
 * Ranks the round's proposals by their scores (a proposal without a score has 0), with the tie rule of
 * `tally`: used for ballots and for a tally entered from paper alike.
 */
export function rankScores(
  proposalIds: readonly string[],
  scores: ReadonlyMap<string, number>,
): RankedProposal[] {
  const ordered = proposalIds
    .map((proposalId, index) => ({ proposalId, score: scores.get(proposalId) ?? 0, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  return ordered.map(({ proposalId, score }) => ({
    proposalId,
    score,
    rank: 1 + ordered.filter((other) => other.score > score).length,
  }));
}
