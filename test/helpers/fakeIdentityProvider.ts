import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * An OpenID provider on 127.0.0.1 that signs Bot Framework channel tokens with a local RSA key
 * and publishes its metadata and keys (with the channel endorsements botbuilder checks).
 */
export class FakeIdentityProvider {
  readonly issuer = 'https://api.botframework.test';
  private server?: Server;
  private key?: KeyObject;
  private jwk?: JsonWebKey;

  get metadataUrl(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/.well-known/openid-configuration`;
  }

  async start(): Promise<this> {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.key = privateKey;
    this.jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'local-key', use: 'sig', alg: 'RS256' };
    this.server = createServer((req, res) => {
      const base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/.well-known/openid-configuration') {
        res.end(
          JSON.stringify({
            issuer: this.issuer,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      } else {
        res.end(JSON.stringify({ keys: [{ ...this.jwk, endorsements: ['test', 'webchat', 'msteams', 'emulator'] }] }));
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The settings that point botbuilder's authentication at this provider. */
  settings(appId: string): Record<string, string> {
    return {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'local-test-password',
      ToBotFromChannelTokenIssuer: this.issuer,
      ToBotFromChannelOpenIdMetadataUrl: this.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: this.metadataUrl,
      ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/login',
      ToChannelFromBotOAuthScope: 'https://api.botframework.test',
      OAuthUrl: 'http://127.0.0.1:9/oauth',
      CallerId: 'urn:botframework:test',
      ValidateAuthority: 'false',
    };
  }

  /** A signed RS256 token; each claim can be overridden to forge a bad one. */
  token(
    claims: { aud: string; serviceurl: string; iss?: string; exp?: number },
    key: KeyObject | undefined = this.key,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = encode({ alg: 'RS256', typ: 'JWT', kid: 'local-key' });
    const payload = encode({
      iss: claims.iss ?? this.issuer,
      aud: claims.aud,
      serviceurl: claims.serviceurl,
      iat: now - 60,
      nbf: now - 60,
      exp: claims.exp ?? now + 3600,
    });
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${payload}`)
      .sign(key as KeyObject)
      .toString('base64url');
    return Promise.resolve(`${header}.${payload}.${signature}`);
  }

  /** A key this provider does not publish, for forged signatures. */
  static otherKey(): KeyObject {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}
