import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonReadError, readRecordsJson } from '../../../main/core/records-file/json-reader';

/** Reads `text` in chunks of `chunk` bytes (a small chunk puts every boundary inside a value). */
function read(text: string | Buffer, chunk = 3) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let at = 0;
  const members: Record<string, unknown> = {};
  const people: unknown[] = [];
  let peopleArray = false;
  readRecordsJson(
    (into) => {
      const n = Math.min(chunk, into.length, bytes.length - at);
      bytes.copy(into, 0, at, at + n);
      at += n;
      return n;
    },
    {
      member: (key, value) => (members[key] = value),
      peopleArray: () => (peopleArray = true),
      person: (value, index) => {
        expect(index).toBe(people.length);
        people.push(value);
      },
    },
  );
  return { members, people, peopleArray };
}

function failure(text: string | Buffer, chunk = 3): JsonReadError {
  try {
    read(text, chunk);
  } catch (error) {
    if (error instanceof JsonReadError) return error;
    throw error;
  }
  throw new Error('read without an error');
}

describe('the records file reader', () => {
  it('hands over the top-level members and each person, decoded as JSON.parse does', () => {
    const text = JSON.stringify({
      format: 'recert-records/1',
      people: [{ id: 'p1', name: 'Zoë "Z" \\ Ng\n\t\u0001', n: [0, -1.5e3, 1e-7] }, [], null, 'x'],
      ruleSetOverrides: { a: { b: [true, false, null] } },
    });
    const { members, people, peopleArray } = read(text);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(peopleArray).toBe(true);
    expect(people).toEqual(parsed.people);
    expect(members).toEqual({ format: parsed.format, ruleSetOverrides: parsed.ruleSetOverrides });
  });

  it('reads numbers as JSON.parse does, beyond what a double holds too', () => {
    const text = '{"people":[12345678901234567890, 1E400, -0, 0.1e-400, 2.5E+3]}';
    expect(read(text).people).toEqual(JSON.parse(text).people);
  });

  it('decodes escapes, surrogate pairs and non-Latin text split across chunks', () => {
    const text = '{"people":[{"name":"\\u00e9\\ud83d\\ude00\\/\\b\\f\\r","raw":"東京 – 😀 ñ"}]}';
    for (const chunk of [1, 2, 5, 1024]) expect(read(text, chunk).people).toEqual([{ name: 'é😀/\b\f\r', raw: '東京 – 😀 ñ' }]);
  });

  it('reads what JSON.stringify writes, whatever the values (a property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.jsonValue(), fc.integer({ min: 1, max: 64 }), (people, other, chunk) => {
        const text = JSON.stringify({ other, people }, null, chunk % 2 ? 2 : undefined);
        const read1 = read(text, chunk);
        expect(read1.people).toEqual(JSON.parse(JSON.stringify(people)));
        expect(read1.members.other).toEqual(JSON.parse(JSON.stringify(other)));
      }),
      { numRuns: 200 },
    );
  });

  it('skips a byte-order mark and white space, and reads an empty list of people', () => {
    const { people, peopleArray, members } = read('\ufeff \n{ "people" : [ ] , "format":1 }\n');
    expect([people, peopleArray, members]).toEqual([[], true, { format: 1 }]);
  });

  it('hands over a `people` that is not a list as a member, for the schema to word', () => {
    const { members, peopleArray } = read('{"people":{"id":"x"}}');
    expect(peopleArray).toBe(false);
    expect(members).toEqual({ people: { id: 'x' } });
  });

  it('names the byte where the text stops being JSON', () => {
    const cases: [string, string][] = [
      ['', 'not valid JSON: expected a value, found the end of the file at byte 0'],
      ['{"people":[{"a":1},]}', 'not valid JSON: expected a value, found "]" at byte 19'],
      ['{"people":[{"a":1} {"b":2}]}', 'not valid JSON: expected "," or "]", found "{" at byte 19'],
      ['{"people":[{"a":1]}', 'not valid JSON: expected "," or "}", found "]" at byte 17'],
      ['{"people":[{"a" 1}]}', 'not valid JSON: expected ":", found "1" at byte 16'],
      ['{"people":[{a:1}]}', 'not valid JSON: expected a key in quotes, found "a" at byte 12'],
      ['{"people":[{"a":"x\\q"}]}', 'not valid JSON: "q" cannot follow a backslash at byte 19'],
      ['{"people":[{"a":"\\u12g4"}]}', 'not valid JSON: expected four hexadecimal digits after \\u, found "g" at byte 21'],
      ['{"people":[{"a":"tab\there"}]}', 'not valid JSON: a control character (byte 0x09) must be escaped in a string at byte 20'],
      ['{"people":[{"a":"open}]}', 'not valid JSON: a string is not closed at byte 24'],
      ['{"people":[{"a":012}]}', 'not valid JSON: a number must not start with 0 at byte 17'],
      ['{"people":[{"a":1.}]}', 'not valid JSON: expected a digit, found "}" at byte 18'],
      ['{"people":[{"a":-}]}', 'not valid JSON: expected a digit, found "}" at byte 17'],
      ['{"people":[{"a":1e+}]}', 'not valid JSON: expected a digit, found "}" at byte 19'],
      ['{"people":[{"a":tru}]}', 'not valid JSON: expected "true", found "}" at byte 19'],
      ['{"people":[{"a":1}]', 'not valid JSON: expected "," or "}", found the end of the file at byte 19'],
      ['{"people":[]} x', 'not valid JSON: expected the end of the file, found "x" at byte 14'],
      ['{"format":NaN}', 'not valid JSON: expected a value, found "N" at byte 10'],
    ];
    for (const [text, message] of cases) {
      for (const chunk of [1, 4, 1024]) {
        const error = failure(text, chunk);
        expect(error.message, `${text} in chunks of ${chunk}`).toBe(message);
        expect(JSON.parse.bind(null, text), text).toThrow();
      }
    }
  });

  it('refuses a top-level field given twice, naming where', () => {
    const error = failure('{"people":[],"format":"a", "people":[{"id":"x"}]}');
    expect(error.message).toBe('"people" is given twice (again at byte 27); give each field once');
  });

  it('takes the last of a key given twice inside a person, as JSON.parse does', () => {
    expect(read('{"people":[{"id":"a","id":"b"}]}').people).toEqual([{ id: 'b' }]);
  });

  it('refuses bytes that are not UTF-8, and a file that is not one object', () => {
    expect(failure(Buffer.from([...Buffer.from('{"people":[{"a":"'), 0xff, ...Buffer.from('"}]}')])).message).toBe('not valid UTF-8 text');
    expect(failure('[1,2]').message).toBe('must be a JSON object with "format" and "people"');
    expect(failure('[1,2').message).toBe('not valid JSON: expected "," or "]", found the end of the file at byte 4');
  });

  it('refuses nesting deeper than any records file', () => {
    const deep = `{"people":[${'['.repeat(300)}${']'.repeat(300)}]}`;
    expect(failure(deep, 4096).message).toMatch(/^not valid JSON: values are nested too deeply at byte \d+$/);
  });
});
