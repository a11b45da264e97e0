import { z } from 'zod';
import { KnowledgeError } from '../errors';
import { readJsonFile } from '../jsonFile';
import type { Contact } from '../knowledge/knowledgeTypes';
import { type Language, normalizeForSearch } from '../text/normalize';

const routingFileSchema = z.object({
  about: z.string().optional(),
  rules: z.array(
    z.object({
      name: z.string().min(1),
      contact: z.string().min(1),
      topics: z.object({ en: z.array(z.string().min(1)).min(1), es: z.array(z.string().min(1)).min(1) }),
    }),
  ),
  default: z.string().min(1),
});

/** A routing decision and why it was made. */
export interface RoutingDecision {
  contact: Contact;
  /** The rule that matched; absent when the default applied. */
  rule?: string;
}

/**
 * Routes a contact request to a person by the topic of what was written, from the rules in
 * knowledge/routing.json. Contacts named by role or name are handled before this.
 */
export class ContactRouter {
  private constructor(
    private readonly rules: { name: string; contact: Contact; topics: Record<Language, string[]> }[],
    private readonly fallback: Contact,
  ) {}

  /** Loads and validates the rules against the known contacts; throws {@link KnowledgeError}. */
  static load(path: string, contacts: readonly Contact[]): ContactRouter {
    const read = readJsonFile(path, routingFileSchema);
    if (!read.ok) throw new KnowledgeError(read.problems);
    const parsed = { data: read.value };
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const problems: string[] = [];
    const find = (id: string, where: string) => {
      const contact = byId.get(id);
      if (!contact) problems.push(`${path}:${where}: no contact has id "${id}"`);
      return contact;
    };
    const rules = parsed.data.rules.flatMap((rule, i) => {
      const contact = find(rule.contact, `rules.${i}.contact`);
      const topics = {
        en: rule.topics.en.map((t) => normalizeForSearch(t)),
        es: rule.topics.es.map((t) => normalizeForSearch(t)),
      };
      return contact ? [{ name: rule.name, contact, topics }] : [];
    });
    const fallback = find(parsed.data.default, 'default');
    if (problems.length > 0 || !fallback) throw new KnowledgeError(problems);
    return new ContactRouter(rules, fallback);
  }

  /** The contact of the first rule whose topic words appear in `text`, if any. */
  matchRule(text: string, language: Language): RoutingDecision | undefined {
    const padded = ` ${normalizeForSearch(text)} `;
    for (const rule of this.rules) {
      const topics = [...rule.topics[language], ...rule.topics[language === 'en' ? 'es' : 'en']];
      // Whole words, allowing a plural "s".
      if (topics.some((topic) => padded.includes(` ${topic} `) || padded.includes(` ${topic}s `))) {
        return { contact: rule.contact, rule: rule.name };
      }
    }
    return undefined;
  }

  /** The contact for a request about `text`: a matching rule's, or the default. */
  route(text: string, language: Language): RoutingDecision {
    return this.matchRule(text, language) ?? { contact: this.fallback };
  }
}
