/**
 * Node's SHA-1 for core's name-based GUIDs (core/refi/guid.ts), passed to an
 * export as `{ sha1: nodeSha1Hex }`: a one-shot `crypto.hash` where Node has it
 * (20.12 and later), else a Hash object.
 */
import * as crypto from 'node:crypto';
import type { Sha1Hex } from '../core/refi';

// crypto.hash is missing from older Node 20 releases and from their type definitions.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

/** SHA-1 of `bytes` in hex, the quickest way this Node offers. */
export const nodeSha1Hex: Sha1Hex = oneShot ? (bytes) => oneShot('sha1', bytes, 'hex') : (bytes) => crypto.createHash('sha1').update(bytes).digest('hex');
