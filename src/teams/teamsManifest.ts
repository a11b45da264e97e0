import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const httpsUrl = z.url({ protocol: /^https$/ }).max(2048);

/**
 * The parts of the Teams app manifest schema 1.22 this app uses: required fields, lengths and
 * formats as the schema sets them, so a package that passes is one Teams accepts.
 */
export const teamsManifestSchema = z
  .object({
    $schema: z.literal('https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json'),
    manifestVersion: z.literal('1.22'),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'must be MAJOR.MINOR.PATCH')
      .max(256),
    id: guid,
    developer: z.object({
      name: z.string().min(1).max(32),
      websiteUrl: httpsUrl,
      privacyUrl: httpsUrl,
      termsOfUseUrl: httpsUrl,
    }),
    name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
    description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
    icons: z.object({ color: z.string().min(1).max(2048), outline: z.string().min(1).max(2048) }),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    bots: z
      .array(
        z.object({
          botId: guid,
          scopes: z
            .array(z.enum(['team', 'personal', 'groupChat', 'copilot']))
            .min(1)
            .max(4),
          supportsFiles: z.boolean().optional(),
          isNotificationOnly: z.boolean().optional(),
          commandLists: z
            .array(
              z.object({
                scopes: z.array(z.enum(['team', 'personal', 'groupChat', 'copilot'])).min(1),
                commands: z
                  .array(z.object({ title: z.string().min(1).max(128), description: z.string().min(1).max(128) }))
                  .max(10),
              }),
            )
            .max(3)
            .optional(),
        }),
      )
      .max(1),
    validDomains: z
      .array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i, 'must be a host name without a scheme'))
      .max(16),
  })
  .loose();

export type TeamsManifest = z.infer<typeof teamsManifestSchema>;

/** Fills the manifest template's placeholders: the bot's app id and the domain it runs on. */
export function fillManifest(template: string, values: { appId: string; domain: string }): unknown {
  return JSON.parse(
    template.replaceAll('{{MicrosoftAppId}}', values.appId).replaceAll('{{BOT_DOMAIN}}', values.domain),
  );
}

/** Width and height of a PNG file, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('ascii') !== 'IHDR')
    return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
