import type { Activity } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  AuthenticationConstants,
  type UserTokenClient,
} from 'botframework-connector';
import { LRUCache } from 'lru-cache';

/** Most clients kept; beyond it the oldest is dropped (a new service URL is rare). */
const defaultMaxClients = 256;

/**
 * Clients by key, least recently used dropped first. Concurrent requests for one key share one
 * creation, and a creation that fails is not kept, so the next turn tries again.
 */
class ClientCache<T extends object> {
  private readonly cache: LRUCache<string, T, () => Promise<T>>;

  constructor(max: number) {
    this.cache = new LRUCache({ max, fetchMethod: (_key, _stale, { context }) => context() });
  }

  async get(key: string, create: () => Promise<T>): Promise<T> {
    return (await this.cache.fetch(key, { context: create })) as T;
  }

  get size(): number {
    return this.cache.size;
  }
}

/** Creates Connector clients once per app id, service URL and audience. */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
      this.inner.create(serviceUrl, audience),
    );
  }
}

/**
 * botbuilder's authentication with its clients kept between turns. botbuilder builds a new
 * Connector client and a new user-token client, each a pipeline of a dozen HTTP policies, for every
 * turn; they hold no per-turn data (tokens come from the credentials, which cache them), so one per
 * app id and service URL serves every turn. Everything else is the wrapped authentication's.
 */
export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors: ClientCache<ConnectorClient>;
  private readonly userTokenClients: ClientCache<UserTokenClient>;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    maxClients = defaultMaxClients,
  ) {
    super();
    this.connectors = new ClientCache(maxClients);
    this.userTokenClients = new ClientCache(maxClients);
  }

  /** Connector clients held now. */
  get connectorClients(): number {
    return this.connectors.size;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.cachingFactory(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withCachingFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory
      ? { ...result, connectorFactory: this.cachingFactory(result.connectorFactory, result.claimsIdentity) }
      : result;
  }

  private cachingFactory(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(inner, appIdOf(claimsIdentity), this.connectors);
  }
}

/** The bot's app id as botbuilder's factories read it: the audience claim (channels), else appid (Emulator). */
function appIdOf(claimsIdentity: ClaimsIdentity | undefined): string {
  return (
    claimsIdentity?.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity?.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}
