// A real OpenID Connect provider (panva/oidc-provider) for the company sign-in tests, on loopback only.
// Arguments: port, then one JSON object: { client: { id, secret, redirectUri, postLogoutRedirectUri },
// accounts: { "<login>": { email, email_verified, name, groups } } }.
// The provider's own development pages ask for any login and password (the login picks the account)
// and then for consent. It prints "listening" once it accepts connections.
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const setup = JSON.parse(process.argv[3]);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: setup.client.id,
    client_secret: setup.client.secret,
    redirect_uris: [setup.client.redirectUri],
    post_logout_redirect_uris: setup.client.postLogoutRedirectUri ? [setup.client.postLogoutRedirectUri] : [],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  cookies: { keys: ['playday-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const account = setup.accounts[id];
    if (!account) {
      return undefined;
    }
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...account };
      },
    };
  },
});
// The development pages say so on every start; the tests know.
provider.on('server_error', (_ctx, error) => console.error('server_error', error));

const server = provider.listen(port, '127.0.0.1', () => console.log('listening'));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
