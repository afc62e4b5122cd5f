import { expect, Page, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAs } from './session';

const shots = 'test-results/screenshots/catalog';
const TOPIC = 'team-a.payments-v1';
const TOPIC_PAGE = `/catalog/default/resource/dev-local.${TOPIC}`;

/**
 * Opens an entity page, reloading until the catalog has the entity: the
 * module's first refresh and the catalog's processing take some seconds
 * after the backend starts.
 */
async function openEntity(page: Page, path: string, heading: string) {
  await expect
    .poll(
      async () => {
        await page.goto(path);
        return page
          .getByRole('heading', { name: heading, exact: true })
          .first()
          .waitFor({ timeout: 10_000 })
          .then(() => true)
          .catch(() => false);
      },
      { timeout: 150_000, intervals: [3000] },
    )
    .toBe(true);
}

test('guest opens the topic entity of team-a.payments-v1: its card, lag card and graph show schema, connector, producer and database', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const guest = await signInAs(browser, 'guest');
  await openEntity(guest, TOPIC_PAGE, TOPIC);

  // The Kafka topic card, read live from the cluster.
  await expect(guest.getByRole('row', { name: 'Partitions 6' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    guest.getByRole('row', { name: 'Replication Factor 3' }),
  ).toBeVisible();
  await expect(
    guest
      .getByRole('row', { name: 'Owner team-a' })
      .getByRole('link', { name: 'team-a' }),
  ).toHaveAttribute('href', '/catalog/default/group/team-a');
  await expect(
    guest
      .getByRole('row', { name: /^Schemas/ })
      .getByRole('link', { name: 'team-a.payments-v1-value' }),
  ).toHaveAttribute(
    'href',
    '/catalog/default/api/dev-local.default.team-a.payments-v1-value',
  );
  // The cluster's link templates, filled in for this topic.
  await expect(
    guest.getByRole('link', { name: 'Open in Grafana' }),
  ).toHaveAttribute('href', /var-topic=team-a\.payments-v1/);
  await expect(
    guest.getByRole('link', { name: 'Open in Event Streaming' }),
  ).toHaveAttribute(
    'href',
    '/event-streaming/clusters/dev-local/topics/team-a.payments-v1',
  );
  // The consumer-lag card.
  await expect(
    guest.getByRole('table', { name: `Consumer groups reading ${TOPIC}` }),
  ).toBeVisible();
  await guest.screenshot({
    path: `${shots}/00-topic-entity.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'topic entity page');

  // The full graph, two steps out: the schema, the sink connector, the
  // producing service and, through it, the shop database.
  await guest.goto(
    `/catalog-graph?rootEntityRefs%5B%5D=${encodeURIComponent(
      `resource:default/dev-local.${TOPIC}`,
    )}&maxDepth=2&unidirectional=false`,
  );
  const graph = guest.locator('svg#dependency-graph');
  await expect(graph).toBeVisible({ timeout: 60_000 });
  for (const node of [
    'team-a.payments-archive-sink',
    'payments-service',
    'Shop database',
  ]) {
    await expect(graph.getByText(node).first()).toBeVisible();
  }
  await expect(graph.getByText(/payments-v1-value/).first()).toBeVisible();
  await guest.screenshot({
    path: `${shots}/01-catalog-graph.png`,
    fullPage: true,
  });

  // The producer's Kafka tab lists the topics it produces and consumes.
  await openEntity(
    guest,
    '/catalog/default/component/payments-service/kafka',
    'payments-service',
  );
  const topics = guest.getByRole('table', {
    name: 'Kafka topics of payments-service',
  });
  // Each topic once: its name links to its Event Streaming page, and
  // "Entity page" to its catalog entity.
  await expect(
    topics.locator(
      `a[href="/event-streaming/clusters/dev-local/topics/${TOPIC}"]`,
    ),
  ).toHaveText(TOPIC);
  await expect(topics.locator(`a[href="${TOPIC_PAGE}"]`)).toHaveText(
    'Entity page',
  );
  await expect(
    topics.getByRole('link', { name: TOPIC, exact: true }),
  ).toHaveCount(1);
  await expect(topics.getByText('produces')).toBeVisible();
  await expect(topics.getByText('consumes')).toBeVisible();
  await guest.screenshot({
    path: `${shots}/02-component-kafka-tab.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'component Kafka tab');

  // The topic's value schema as an API entity: rule, versions and content.
  await openEntity(
    guest,
    `/catalog/default/api/dev-local.default.${TOPIC}-value`,
    `${TOPIC}-value`,
  );
  await expect(
    guest.getByRole('row', { name: /^Compatibility Rule BACKWARD/ }),
  ).toBeVisible({ timeout: 30_000 });
  // The demo seeds two versions; the schema browser test may add more.
  await expect(
    guest.getByRole('row', { name: /^Versions \d+$/ }),
  ).toBeVisible();
  await expect(
    guest.getByRole('region', { name: /^Content of version \d+$/ }),
  ).toContainText('amountCents');
  await guest.screenshot({
    path: `${shots}/03-schema-api-entity.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'schema API entity page');

  // The sink connector reading the topic: its state and tasks.
  const sink = 'team-a.payments-archive-sink';
  await openEntity(guest, `/catalog/default/resource/dev-local_${sink}`, sink);
  await expect(
    guest.getByRole('table', { name: `Tasks of ${sink}` }),
  ).toBeVisible({ timeout: 30_000 });
  await guest.screenshot({
    path: `${shots}/04-connector-entity.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'connector entity page');
});
