import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ProjectIndex, type Project } from '../../../core';

export const REPO = path.join(__dirname, '..', '..', '..');
export const PICTURES_FIXTURE = path.join(REPO, 'test', 'fixtures', 'projects', 'pictures');
export const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');

/** Loads a project folder from disk into a fresh index and returns the project. */
export function loadProject(dir: string): Project {
  const index = new ProjectIndex();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'codebook.yaml' || /\.(md|txt)$/.test(name)) index.setFile(URI.file(full).toString(), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  const project = index.projectOf(URI.file(path.join(dir, 'codebook.yaml')).toString());
  if (!project) throw new Error(`no project in ${dir}`);
  return project;
}

/** A project from in-memory files (paths relative to the project folder). */
export function projectFrom(files: Record<string, string>): Project {
  const index = new ProjectIndex();
  for (const [p, text] of Object.entries(files)) index.setFile(`file:///p/${p}`, text);
  return index.projectOf('file:///p/codebook.yaml')!;
}
