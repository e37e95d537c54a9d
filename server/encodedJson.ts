import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/** The UTF-8 JSON of values answered again and again unchanged, by value. */
const encoded = new WeakMap<object, Buffer>();

/**
 * Keeps the JSON of `value` (which must not change from now on) so that answers
 * holding it are written with these bytes instead of encoding it again. Returns
 * `value`.
 *
 * Why: completion after `#` answers the same 650 items (84 KiB of JSON) on every
 * `#` typed. Encoding them anew made a few hundred KiB of short-lived strings per
 * request, and with them a young-generation collection every few dozen requests,
 * which is where the slowest completions waited.
 */
export function keepEncoded<T extends object>(value: T): T {
  if (!encoded.has(value)) encoded.set(value, Buffer.from(JSON.stringify(value), 'utf8'));
  return value;
}

/**
 * An answer that brings its own JSON: on stdio its bytes are written as they are;
 * any other way of sending it (Node IPC, a test's JSON.stringify) takes its value
 * through `toJSON`. For answers built from kept pieces around a few values that
 * change per request (whole completion items around their range).
 */
export class EncodedAnswer {
  constructor(
    /** The answer as a value: called only when the bytes are not used. */
    private readonly value: () => unknown,
    /** The answer's UTF-8 JSON: exactly JSON.stringify of the value. */
    readonly bytes: () => Buffer,
  ) {}

  toJSON(): unknown {
    return this.value();
  }
}

/**
 * Encodes a JSON-RPC message as vscode-jsonrpc's default encoder does, except that a
 * response whose result is an EncodedAnswer is written from its bytes, and one whose
 * result is a kept value, or is a plain object with kept values among its own
 * properties, reuses their bytes. Every other message is encoded as usual.
 */
export const ENCODED_JSON: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      const spliced = options.charset === 'utf-8' ? splice(msg) : undefined;
      return Promise.resolve(spliced ?? Buffer.from(JSON.stringify(msg), options.charset));
    } catch (e) {
      return Promise.reject(e);
    }
  },
};

/** The bytes of `msg` with its result's kept parts reused; undefined when it has none. */
function splice(msg: Message): Buffer | undefined {
  if (!('result' in msg)) return undefined;
  const { result, ...rest } = msg as Message & { result: unknown };
  if (result === null || typeof result !== 'object') return undefined;
  if (result instanceof EncodedAnswer) return withResult(rest, [result.bytes()]);
  const whole = encoded.get(result);
  if (whole) return withResult(rest, [whole]);
  // Only a plain object's own properties are looked at: arrays, and anything with
  // toJSON or a prototype of its own, are left to JSON.stringify.
  if (Object.getPrototypeOf(result) !== Object.prototype || 'toJSON' in result) return undefined;
  const entries = Object.entries(result);
  if (!entries.some(([, v]) => keptOf(v) !== undefined)) return undefined;
  const parts: Buffer[] = [];
  let text = '{';
  let first = true;
  for (const [key, value] of entries) {
    const kept = keptOf(value);
    const json = kept ? undefined : (JSON.stringify(value) as string | undefined);
    // JSON leaves out properties whose value has no JSON (undefined, functions).
    if (!kept && json === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (kept) {
      parts.push(Buffer.from(text, 'utf8'), kept);
      text = '';
    } else text += json;
  }
  parts.push(Buffer.from(text + '}', 'utf8'));
  return withResult(rest, parts);
}

function keptOf(value: unknown): Buffer | undefined {
  return value !== null && typeof value === 'object' ? encoded.get(value) : undefined;
}

/** `{...rest, "result": <parts>}` as bytes (`rest` has `jsonrpc` at least). */
function withResult(rest: object, result: Buffer[]): Buffer {
  const head = JSON.stringify(rest);
  return Buffer.concat([Buffer.from(`${head.slice(0, -1)}${head === '{}' ? '' : ','}"result":`, 'utf8'), ...result, Buffer.from('}', 'utf8')]);
}
