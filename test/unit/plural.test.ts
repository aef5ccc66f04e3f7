import { describe, expect, it } from 'vitest';
import { choose, count, listInWords } from '../../main/core/domain/plural';

describe('counted words', () => {
  it('uses the singular for exactly one and the plural otherwise, zero included', () => {
    expect(count(1, 'person', 'people')).toBe('1 person');
    expect(count(0, 'person', 'people')).toBe('0 people');
    expect(count(2, 'CPR/AED card', 'CPR/AED cards')).toBe('2 CPR/AED cards');
    expect(`${count(1, 'item', 'items')} ${choose(1, 'is', 'are')} missing`).toBe('1 item is missing');
    expect(`${count(3, 'item', 'items')} ${choose(3, 'is', 'are')} missing`).toBe('3 items are missing');
  });
  it('joins a list as a sentence', () => {
    expect(listInWords(['1 person', '2 courses'])).toBe('1 person and 2 courses');
  });
});
