// TOP's JSON writes trade, order, refund and message ids as bare numbers of up to 19 digits, past
// what a double holds exactly (2^53), so JSON.parse would change the id. Integers too long for a
// double are quoted before parsing, outside strings only, and come out as strings.
const SAFE_DIGITS = 15;

function quoteLongIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const literal = text.slice(i, j);
      out += /^-?\d+$/.test(literal) && literal.replace('-', '').length > SAFE_DIGITS ? `"${literal}"` : literal;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function parseTopJson(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

/** An id as TOP gives it (a number or a quoted long one), as text. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}
