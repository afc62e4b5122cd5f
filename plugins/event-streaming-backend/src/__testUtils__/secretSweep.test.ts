import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { DEMO_SECRETS } from '@eventport/devstack';
import Router from 'express-promise-router';
import request from 'supertest';
import {
  SecretSweep,
  secretsInConfig,
  startSweptTestBackend,
} from './secretSweep';

const SECRET = 'not-a-real-secret-7f3a';

/** A plugin that leaks its config's password where it is told to. */
const leaky = createBackendPlugin({
  pluginId: 'leaky',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        http: coreServices.httpRouter,
      },
      async init({ config, logger, http }) {
        const password = config.getString('leaky.password');
        const router = Router();
        router.get('/quiet', (_req, res) => {
          res.json({ ok: true });
        });
        router.get('/leak', (_req, res) => {
          res.json({ error: `could not connect with ${password}` });
        });
        router.get('/log', (_req, res) => {
          logger.warn(`retrying with password ${password}`);
          res.json({ ok: true });
        });
        http.use(router);
        http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

async function leakyBackend() {
  return startSweptTestBackend({
    features: [
      leaky,
      mockServices.rootConfig.factory({
        data: { leaky: { password: SECRET, reference: '${env:X}' } },
      }),
    ],
  });
}

describe('the secret sweep', () => {
  it('finds the secrets of a config, not its references', () => {
    expect(
      secretsInConfig({
        a: { password: 'p1-longer', passwordReference: '${env:PW}' },
        list: [{ sasl: { password: 'p2-longer' } }],
        token: 'p3-longer',
        host: 'localhost',
      }),
    ).toEqual(
      new Map([
        ['p1-longer', 'a.password'],
        ['p2-longer', 'list[0].sasl.password'],
        ['p3-longer', 'token'],
      ]),
    );
  });

  it('names the secret and where it was found, never the value', () => {
    const sweep = new SecretSweep({});
    sweep.record('GET /x → 200', `{"value":"${DEMO_SECRETS['pg.password']}"}`);
    let caught: Error | undefined;
    try {
      sweep.check('a suite');
    } catch (error) {
      caught = error as Error;
    }
    expect(caught?.message).toMatch(
      /the Connect worker's pg\.password in GET \/x → 200/,
    );
    expect(caught?.message).not.toContain(DEMO_SECRETS['pg.password']);
  });

  it('passes a backend that leaked nothing', async () => {
    const backend = await leakyBackend();
    const res = await request(backend.server).get('/api/leaky/quiet');
    expect(res.status).toBe(200);
    await expect(backend.stop()).resolves.toBeUndefined();
  });

  it('fails a backend whose response carried its config password', async () => {
    const backend = await leakyBackend();
    await request(backend.server).get('/api/leaky/leak');
    await expect(backend.stop()).rejects.toThrow(
      /leaky\.password in GET \/api\/leaky\/leak → 200/,
    );
  });

  it('fails a backend that logged its config password', async () => {
    const backend = await leakyBackend();
    await request(backend.server).get('/api/leaky/log');
    await expect(backend.stop()).rejects.toThrow(
      /leaky\.password in log lines and audit events/,
    );
  });
});
