/**
 * Front matter longer than this (UTF-16 units between the fences) is not handed to
 * the yaml package: a transcript's details (case, participant, speakers, attributes)
 * take a few hundred characters, 10,000 speakers about 200,000, while megabytes of
 * text between two `---` lines are a misplaced fence, on which the yaml package
 * spends seconds each time it reads them. Transcripts still read flat
 * `key: value` lines of any length (core/transcript/simpleFrontMatter.ts is linear);
 * memos' front matter names codes and transcripts and is as short.
 */
export const MAX_YAML_FRONT_MATTER = 262_144;
