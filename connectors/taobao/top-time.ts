// TOP writes every time as `yyyy-MM-dd HH:mm:ss` on Beijing time (GMT+8), with no zone in the text.
const BEIJING_MS = 8 * 3600 * 1000;
const TOP_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

export function toTopTime(at: Date): string {
  return new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The ISO-8601 form with its +08:00 offset, or undefined for text that is not a TOP time. */
export function isoFromTopTime(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const match = TOP_TIME.exec(text);
  return match ? `${match[1]}T${match[2]}+08:00` : undefined;
}
