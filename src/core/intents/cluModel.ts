import { z } from 'zod';
import { KnowledgeError } from '../errors';
import { readJsonFile } from '../jsonFile';
import { intentNames } from './intentTypes';

const synonymsSchema = z.object({ language: z.string().min(2), values: z.array(z.string().min(1)).min(1) });

const entitySchema = z
  .object({
    category: z.enum(['ContactRole', 'PersonName', 'Email']),
    compositionSetting: z
      .enum(['combineComponents', 'separateComponents', 'requireExactOverlap', 'returnLongestOverlap'])
      .optional(),
    list: z
      .object({
        sublists: z.array(z.object({ listKey: z.string().min(1), synonyms: z.array(synonymsSchema).min(1) })).min(1),
      })
      .optional(),
    regex: z
      .object({
        expressions: z
          .array(
            z.object({ regexKey: z.string().min(1), language: z.string().min(2), regexPattern: z.string().min(1) }),
          )
          .min(1),
      })
      .optional(),
  })
  .refine((e) => e.list || e.regex, { message: 'an entity needs a list or a regex component' });

const utteranceSchema = z
  .object({
    text: z.string().min(1),
    language: z.enum(['en-us', 'es']),
    intent: z.enum(intentNames),
    entities: z.array(
      z.object({ category: z.string(), offset: z.number().int().min(0), length: z.number().int().min(1) }),
    ),
    dataset: z.enum(['Train', 'Test']),
  })
  .refine((u) => u.entities.every((e) => e.offset + e.length <= u.text.length), {
    message: 'an entity label lies outside the text',
  });

/** A CLU conversation project as Language Studio exports and imports it (api-version 2023-04-01). */
export const cluProjectSchema = z.object({
  projectFileVersion: z.literal('2023-04-01'),
  stringIndexType: z.literal('Utf16CodeUnit'),
  metadata: z.object({
    projectKind: z.literal('Conversation'),
    settings: z.object({ confidenceThreshold: z.number().min(0).max(1) }).loose(),
    projectName: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
    multilingual: z.literal(true),
    description: z.string().optional(),
    language: z.literal('en-us'),
  }),
  assets: z.object({
    projectKind: z.literal('Conversation'),
    intents: z.array(z.object({ category: z.enum(intentNames) })).min(intentNames.length),
    entities: z.array(entitySchema),
    utterances: z.array(utteranceSchema).min(1),
  }),
});

export type CluProject = z.infer<typeof cluProjectSchema>;
export type CluUtterance = CluProject['assets']['utterances'][number];

/** Reads and validates a CLU project file. Throws {@link KnowledgeError} naming each bad path. */
export function loadCluProject(path: string): CluProject {
  const read = readJsonFile(path, cluProjectSchema);
  if (!read.ok) throw new KnowledgeError(read.problems);
  return read.value;
}
