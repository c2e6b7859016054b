// A real OpenID provider for the single sign-on tests: the certified `oidc-provider` package,
// on loopback, with its development login page (any account this file knows signs in by its
// e-mail, no password). Started by `trellis_testkit::oidc::Provider`.
//
//   node provider.mjs PORT REDIRECT_URI [CLOCK_OFFSET_SECONDS ID_TOKEN_SECONDS CLAIMS AUDIENCE]
//
// A clock offset makes the provider issue every token that far in the past: 30 seconds behind
// with ID tokens that last one second, they have expired when they arrive, as with an identity
// provider whose clock is wrong. With CLAIMS `claims-in-id-token` (the default) ID tokens carry
// the e-mail claims, as the common providers' do; with `claims-at-userinfo` they carry only
// `sub`, and the e-mail is at the userinfo endpoint. With an AUDIENCE, every ID token the token
// endpoint answers is signed again, with the provider's own key, for that audience instead: a
// genuine token meant for another application.
import Provider from 'oidc-provider';
import * as jose from 'jose';

const [port, redirectUri, offset = '0', idTokenSeconds = '3600', claims = 'claims-in-id-token', audience = ''] =
  process.argv.slice(2);
const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await jose.exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
if (Number(offset) !== 0) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + Number(offset) * 1000;
}

const accounts = {
  'ana@acme.test': { email: 'ana@acme.test', email_verified: true, name: 'Ana Ruiz' },
  'lena@acme.test': { email: 'lena@acme.test', email_verified: true, name: 'Lena Park' },
  'stranger@elsewhere.test': { email: 'stranger@elsewhere.test', email_verified: true, name: 'A Stranger' },
  'unverified@acme.test': { email: 'ben@acme.test', email_verified: false, name: 'Not Ben' },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'trellis',
    client_secret: 'trellis-test-secret',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true, methods: ['S256'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (ctx, id) => accounts[id] && {
    accountId: id,
    claims: async () => ({ sub: id, ...accounts[id] }),
  },
  features: { devInteractions: { enabled: true } },
  conformIdTokenClaims: claims !== 'claims-in-id-token',
  ttl: { IdToken: Number(idTokenSeconds) },
  cookies: { keys: ['a test cookie key'] },
  jwks: { keys: [signingKey] },
});
if (audience) {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.body && ctx.body.id_token) {
      const claims = jose.decodeJwt(ctx.body.id_token);
      ctx.body.id_token = await new jose.SignJWT({ ...claims, aud: audience, azp: audience })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .sign(privateKey);
    }
  });
}
provider.listen(Number(port), () => console.log(`listening on ${port}`));
