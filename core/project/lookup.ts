import type { ProjectIndex } from './index';
import type { Project } from './types';
import { joinUri } from './uris';

/**
 * The project a URI refers to, for requests that name "any file of a project":
 * the project the file belongs to (a transcript or its codebook.yaml), else the
 * project whose folder the URI is, else the nearest project above it (a file of
 * its folder that is not a member, or a codebook.yaml just deleted).
 */
export function projectFor(index: ProjectIndex, uri: string): Project | undefined {
  return index.projectOf(uri) ?? index.projectOf(joinUri(uri, 'codebook.yaml')) ?? index.nearestProject(uri);
}
