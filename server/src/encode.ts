/**
 * Messages to the client written as UTF-8 without building their JSON as one string first. The
 * diagnostics of a large plan can be a 5 MB message; as one JavaScript string that is 10 MB
 * (two bytes a character as soon as one character is not Latin-1), held next to its bytes.
 * Here long arrays are written element by element straight into the message's buffer, so only
 * each element's text exists as a string, for a moment. The bytes are those of `JSON.stringify`
 * (a test holds them to it).
 */
import type { Message } from 'vscode-languageserver/node';

/** Arrays longer than this are written element by element. */
const SPLIT = 64;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether `v` holds an array long enough to be written in parts. */
function hasLongArray(v: unknown, depth: number): boolean {
  if (depth > 4) return false;
  if (Array.isArray(v)) return v.length > SPLIT || v.some((e) => hasLongArray(e, depth + 1));
  if (isPlainObject(v)) return Object.values(v).some((e) => hasLongArray(e, depth + 1));
  return false;
}

/** Emits the JSON of `v` in parts whose concatenation is `JSON.stringify(v)`. */
function parts(v: unknown, emit: (part: string) => void, depth: number): void {
  if (Array.isArray(v) && (v.length > SPLIT || hasLongArray(v, depth))) {
    emit('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) emit(',');
      const e = v[i];
      if (hasLongArray(e, depth + 1)) parts(e, emit, depth + 1);
      else emit(JSON.stringify(e) ?? 'null');
    }
    emit(']');
    return;
  }
  if (isPlainObject(v) && hasLongArray(v, depth)) {
    emit('{');
    let first = true;
    for (const [key, value] of Object.entries(v)) {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      parts(value, emit, depth + 1);
    }
    emit('}');
    return;
  }
  emit(JSON.stringify(v) ?? 'null');
}

/**
 * The UTF-8 bytes of `JSON.stringify(value)`. A message with long arrays is written in two
 * passes, one to size its buffer and one to fill it, so no part outlives its own writing.
 */
export function encodeJson(value: unknown): Buffer {
  if (!hasLongArray(value, 0)) return Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
  let length = 0;
  parts(value, (p) => (length += Buffer.byteLength(p, 'utf8')), 0);
  const buffer = Buffer.allocUnsafe(length);
  let at = 0;
  parts(value, (p) => (at += buffer.write(p, at, 'utf8')), 0);
  if (at !== length) throw new Error(`message changed while it was written (${at} of ${length} bytes)`);
  return buffer;
}

/** A content-type encoder for vscode-jsonrpc's stream writer (UTF-8 only, as LSP requires). */
export const jsonEncoder = {
  name: 'application/json',
  encode(msg: Message): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeJson(msg));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
