import { describe, expect, it } from 'vitest';
import { chooseLeadingTopics } from '../src/services/leading-topics.ts';

const story = (...topics: string[]) => ({ topics });

describe('the weekly intro says "mostly" only when topics lead', () => {
  it('names one topic that most stories share and no other ties', () => {
    const counts = [
      { topic: 'energy', count: 3 },
      { topic: 'trade', count: 1 },
    ];
    const stories = [story('energy'), story('energy', 'trade'), story('energy'), story('health')];
    expect(chooseLeadingTopics(counts, stories).map((entry) => entry.topic)).toEqual(['energy']);
  });

  it('names two when the first two together cover most stories and lead the rest', () => {
    const counts = [
      { topic: 'energy', count: 2 },
      { topic: 'trade', count: 2 },
      { topic: 'health', count: 1 },
    ];
    const stories = [story('energy'), story('trade'), story('energy', 'trade'), story('health'), story('trade')];
    expect(chooseLeadingTopics(counts, stories).map((entry) => entry.topic)).toEqual(['energy', 'trade']);
  });

  it('names none when topics tie or cover only a minority', () => {
    const tied = [
      { topic: 'energy', count: 1 },
      { topic: 'trade', count: 1 },
      { topic: 'health', count: 1 },
    ];
    expect(chooseLeadingTopics(tied, [story('energy', 'trade', 'health')])).toEqual([]);
    const minority = [
      { topic: 'energy', count: 2 },
      { topic: 'trade', count: 1 },
      { topic: 'health', count: 0 },
    ];
    const stories = [story('energy'), story('energy'), story('a'), story('b'), story('c'), story('d')];
    expect(chooseLeadingTopics(minority, stories)).toEqual([]);
  });
});
