import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { describeIssues, KnowledgeError } from '../errors';
import { readJsonFile } from '../jsonFile';
import { type Language, normalizeForSearch } from '../text/normalize';
import { chunkMarkdown } from './chunker';
import type { KnowledgeBase, KnowledgeDocument, Passage } from './knowledgeTypes';
import { contactsFileSchema, frontMatterSchema, lexiconFileSchema, questionsFileSchema } from './knowledgeSchemas';

const dataFiles = ['contacts.json', 'questions.json', 'lexicon.json'] as const;

/** Lists the files that make up the knowledge, sorted, relative to `dir`. */
export function knowledgeFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => (name.endsWith('.md') || name.endsWith('.json')) && statSync(join(dir, name)).isFile())
    .filter((name) => name.toLowerCase() !== 'readme.md')
    .sort();
}

/** Hash of the knowledge files' names and contents. Any edit changes it. */
export function fingerprintKnowledge(dir: string, salt: string): string {
  const hash = createHash('sha256').update(salt);
  for (const name of knowledgeFiles(dir)) hash.update(`\0${name}\0`).update(readFileSync(join(dir, name)));
  return hash.digest('hex');
}

/** Version of the chunking and indexing rules; part of the fingerprint so a code change rebuilds. */
export const indexFormatVersion = 'v2';

function parseJson<S extends z.ZodType>(
  dir: string,
  name: string,
  schema: S,
  problems: string[],
): z.infer<S> | undefined {
  const read = readJsonFile(join(dir, name), schema, name);
  if (read.ok) return read.value;
  problems.push(...read.problems);
  return undefined;
}

/** gray-matter with the `yaml` package's failsafe schema: dates stay strings, validated as written. */
const matterOptions = { engines: { yaml: (text: string) => parseYaml(text, { schema: 'failsafe' }) as object } };

function parseDocument(
  dir: string,
  name: string,
  problems: string[],
): { doc: KnowledgeDocument; body: string } | undefined {
  let file: { data: Record<string, unknown>; content: string; matter: string };
  try {
    file = matter(readFileSync(join(dir, name), 'utf8'), matterOptions);
  } catch (error) {
    problems.push(`${name}: front matter is not valid YAML: ${(error as Error).message}`);
    return undefined;
  }
  if (!file.matter.trim()) {
    problems.push(`${name}: missing front matter (--- id, title, source, published, language ---)`);
    return undefined;
  }
  const meta = { ...file.data };
  if ('unofficialTranslation' in meta) meta.unofficialTranslation = meta.unofficialTranslation === 'true';
  const parsed = frontMatterSchema.safeParse(meta);
  if (!parsed.success) {
    problems.push(...describeIssues(`${name}: front matter`, parsed.error.issues));
    return undefined;
  }
  return { doc: { ...parsed.data, file: name }, body: file.content };
}

/**
 * Loads and validates everything under `dir`. Collects every problem before failing, so one run
 * of the bot names all that needs fixing. Throws {@link KnowledgeError}.
 */
export function loadKnowledge(dir: string): KnowledgeBase {
  const problems: string[] = [];
  let names: string[];
  try {
    names = knowledgeFiles(dir);
  } catch (error) {
    throw new KnowledgeError([`${dir}: ${(error as Error).message}`]);
  }
  for (const required of dataFiles) if (!names.includes(required)) problems.push(`${required}: file is missing`);

  const documents: KnowledgeDocument[] = [];
  const passages: Passage[] = [];
  const seen = new Set<string>();
  for (const name of names.filter((n) => n.endsWith('.md'))) {
    const parsed = parseDocument(dir, name, problems);
    if (!parsed) continue;
    const key = `${parsed.doc.id}/${parsed.doc.language}`;
    if (seen.has(key))
      problems.push(`${name}: another file already has id "${parsed.doc.id}" in language ${parsed.doc.language}`);
    seen.add(key);
    const chunks = chunkMarkdown(parsed.body, { documentId: parsed.doc.id, language: parsed.doc.language });
    if (chunks.length === 0) problems.push(`${name}: no passages (the document has no paragraphs or lists)`);
    documents.push(parsed.doc);
    passages.push(...chunks);
  }
  if (documents.length === 0) problems.push(`${dir}: no knowledge documents (*.md with front matter)`);

  const contacts = names.includes('contacts.json')
    ? parseJson(dir, 'contacts.json', contactsFileSchema, problems)
    : undefined;
  const questions = names.includes('questions.json')
    ? parseJson(dir, 'questions.json', questionsFileSchema, problems)
    : undefined;
  const lexicon = names.includes('lexicon.json')
    ? parseJson(dir, 'lexicon.json', lexiconFileSchema, problems)
    : undefined;

  const passageIds = new Set(passages.map((p) => p.id));
  for (const id of Object.keys(questions?.questions ?? {})) {
    if (!passageIds.has(id)) problems.push(`questions.json: questions.${id}: no passage has this id`);
  }
  for (const language of ['en', 'es'] as const) {
    const ids = new Set(passages.filter((p) => p.language === language).map((p) => p.id));
    for (const other of passages.filter(
      (p) => p.language !== language && documentHas(documents, p.documentId, language),
    )) {
      if (!ids.has(other.id))
        problems.push(
          `${other.documentId} (${language}): no unit "${other.unitId}", which the ${other.language} version has`,
        );
    }
  }

  if (problems.length > 0 || !contacts || !questions || !lexicon) throw new KnowledgeError(problems);

  const byLanguage = <T>(pick: (language: Language) => T): Record<Language, T> => ({ en: pick('en'), es: pick('es') });
  const titled = passages.map((p) => {
    const curated = questions.questions[p.id];
    const title = curated?.title?.[p.language];
    const names = curated?.names?.[p.language];
    return { ...p, ...(title ? { title } : {}), ...(names?.length ? { names } : {}) };
  });

  return {
    documents,
    passages: titled,
    contacts: contacts.contacts,
    alternateQuestions: new Map(Object.entries(questions.questions).map(([id, q]) => [id, { en: q.en, es: q.es }])),
    lexicon: {
      attributeWords: byLanguage((l) => lexicon.attributeWords[l].map((word) => normalizeForSearch(word))),
      personAttributeWords: byLanguage((l) => lexicon.personAttributeWords[l].map((word) => normalizeForSearch(word))),
      speakers: byLanguage((l) => lexicon.speakers[l].map((word) => normalizeForSearch(word))),
      viewWords: byLanguage((l) => lexicon.viewWords[l].map((word) => normalizeForSearch(word))),
      nameKin: byLanguage((l) =>
        Object.fromEntries(
          // A name written all in capitals ("US") is matched only so written: "us" is a pronoun.
          Object.entries(lexicon.nameKin[l]).map(([name, kin]) => [
            /^\p{Lu}{2,}$/u.test(name) ? name : normalizeForSearch(name),
            normalizeForSearch(kin),
          ]),
        ),
      ),
      attributeKin: byLanguage((l) =>
        Object.fromEntries(
          Object.entries(lexicon.attributeKin[l]).map(([word, kin]) => [
            normalizeForSearch(word),
            kin.map((k) => normalizeForSearch(k)),
          ]),
        ),
      ),
    },
    fingerprint: fingerprintKnowledge(dir, indexFormatVersion),
  };
}

function documentHas(documents: readonly KnowledgeDocument[], id: string, language: Language): boolean {
  return documents.some((d) => d.id === id && d.language === language);
}
