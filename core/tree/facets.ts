import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import { caseOf, participantOf } from '../project/caseOf';
import { blockCoder } from '../transcript/coder';
import { turnSpeakerNames } from '../transcript/lazyTurns';
import { attributesOf } from './filter';
import type { TreeFacets } from './types';

/** Every value the tree's filters can take in the index (or in one project), sorted. */
export function treeFacets(index: ProjectIndex, root?: string): TreeFacets {
  const cases = new Set<string>();
  const speakers = new Set<string>();
  const participants = new Set<string>();
  const coders = new Map<string, string | undefined>();
  const attributes = new Map<string, { key: string; value: string }>();
  const projects = root === undefined ? index.projects() : index.projects().filter((p) => p.root === normalizeUri(root));
  for (const project of projects) {
    for (const c of project.codebook.coders?.values() ?? []) coders.set(c.id, c.name);
    for (const entry of project.transcripts.values()) {
      const t = entry.transcript;
      cases.add(caseOf(entry));
      const participant = participantOf(entry);
      if (participant !== undefined) participants.add(participant);
      for (const name of turnSpeakerNames(t)) speakers.add(name);
      for (const a of attributesOf(entry)) attributes.set(`${a.key}\u0000${a.value}`, a);
      for (const use of entry.uses) {
        const coder = blockCoder(t, use.block);
        if (coder !== undefined && !coders.has(coder)) coders.set(coder, undefined);
      }
    }
  }
  const sorted = (s: Iterable<string>) => [...s].sort(compare);
  return {
    cases: sorted(cases),
    speakers: sorted(speakers),
    participants: sorted(participants),
    coders: sorted(coders.keys()).map((id) => (coders.get(id) !== undefined ? { id, name: coders.get(id) } : { id })),
    attributes: [...attributes.values()].sort((a, b) => compare(a.key, b.key) || compare(a.value, b.value)),
  };
}

/** Natural order: `case 2` before `case 10`, case-insensitive. */
function compare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
}
