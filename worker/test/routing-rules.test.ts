/** The routing rules on their own: who is asked first, and what wait a visitor is told. */
import { describe, expect, it } from 'vitest';
import { estimateWait, languageTier, nextAverage, rankCandidates, type Candidate } from '../queue/routing';

const agent = (agentId: string, over: Partial<Candidate> = {}): Candidate => ({
  agentId,
  lastAssignedAt: null,
  declined: false,
  primaryLanguage: 'en',
  secondaryLanguages: [],
  ...over,
});
const order = (candidates: Candidate[], language: string | null) => rankCandidates(candidates, language).map((c) => c.agentId);

describe('who is offered a chat first', () => {
  it('prefers a primary speaker of the visitor’s language, then a secondary one, then anyone', () => {
    const candidates = [
      agent('anyone', { lastAssignedAt: 1 }),
      agent('second', { secondaryLanguages: ['de', 'nb'], lastAssignedAt: 2 }),
      agent('first', { primaryLanguage: 'nb', lastAssignedAt: 3 }),
    ];
    expect(order(candidates, 'nb-NO')).toEqual(['first', 'second', 'anyone']);
  });

  it('among equals, asks the one idle longest, and one who never had a chat before all others', () => {
    const candidates = [agent('recent', { lastAssignedAt: 500 }), agent('never'), agent('long-ago', { lastAssignedAt: 100 })];
    expect(order(candidates, 'en')).toEqual(['never', 'long-ago', 'recent']);
  });

  it('asks an agent who declined only when no one else can take the chat, whatever their language', () => {
    const candidates = [agent('declined', { primaryLanguage: 'nb', declined: true }), agent('other', { lastAssignedAt: 9 })];
    expect(order(candidates, 'nb')).toEqual(['other', 'declined']);
    expect(order([agent('declined', { declined: true })], 'nb')).toEqual(['declined']);
  });

  it('ignores language when the visitor’s is unknown', () => {
    const candidates = [agent('nb', { primaryLanguage: 'nb', lastAssignedAt: 5 }), agent('en', { lastAssignedAt: 1 })];
    expect(order(candidates, null)).toEqual(['en', 'nb']);
  });

  it('compares base languages, whatever their case or region', () => {
    expect(languageTier(agent('a', { primaryLanguage: 'EN-gb' }), 'en-US')).toBe(0);
    expect(languageTier(agent('a', { secondaryLanguages: ['pt-BR'] }), 'PT')).toBe(1);
    expect(languageTier(agent('a'), 'fr')).toBe(2);
  });
});

describe('the wait a visitor is told', () => {
  it('is a minute a place with no history, and follows the line’s recent pace', () => {
    expect(estimateWait(3, null)).toBe(180_000);
    expect(estimateWait(2, 45_000)).toBe(90_000);
  });

  it('moves towards new samples without jumping to one odd chat', () => {
    expect(nextAverage(null, 30_000)).toBe(30_000);
    expect(nextAverage(30_000, 130_000)).toBe(50_000);
  });
});
