import { describe, expect, it } from 'vitest';
import { choose, count, figure, listInWords } from '../../main/core/domain/plural';

describe('counted words', () => {
  it('uses the singular for exactly one and the plural otherwise, zero included', () => {
    expect(count(1, 'person', 'people')).toBe('1 person');
    expect(count(0, 'person', 'people')).toBe('0 people');
    expect(count(2, 'CPR/AED card', 'CPR/AED cards')).toBe('2 CPR/AED cards');
    expect(`${count(1, 'item', 'items')} ${choose(1, 'is', 'are')} missing`).toBe('1 item is missing');
    expect(`${count(3, 'item', 'items')} ${choose(3, 'is', 'are')} missing`).toBe('3 items are missing');
  });
  it('writes large counts with thousands separators, as English does', () => {
    expect(count(15414, 'certificate file', 'certificate files')).toBe('15,414 certificate files');
    expect(figure(999)).toBe('999');
    expect(figure(1000)).toBe('1,000');
    expect(figure(1234567)).toBe('1,234,567');
  });
  it('joins a list as a sentence', () => {
    expect(listInWords(['1 person', '2 courses'])).toBe('1 person and 2 courses');
  });
});
