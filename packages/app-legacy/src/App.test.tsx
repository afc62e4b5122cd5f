import { createApiFactory } from '@backstage/core-plugin-api';
import {
  EventStreamingApi,
  eventStreamingApiRef,
} from '@eventport/plugin-event-streaming';
import { render, screen } from '@testing-library/react';
import { createLegacyApp } from './App';

const notStubbed = (method: string) => () =>
  Promise.reject(new Error(`${method} is not stubbed in this test`));

const api: EventStreamingApi = {
  getHealth: async () => ({
    status: 'ok',
    checkedAt: '2026-11-24T10:00:00.000Z',
    clusters: [
      {
        name: 'dev-local',
        environment: 'dev',
        reachable: true,
        latencyMs: 2,
        brokers: [{ nodeId: 1, host: 'localhost', port: 9092 }],
      },
    ],
  }),
  listClusters: async () => ({
    clusters: [
      {
        name: 'dev-local',
        environment: 'dev',
        links: {},
        limits: { retentionMinMs: 1, retentionMaxMs: 2, maxPartitions: 3 },
        topicDefaults: {
          partitions: 1,
          replicationFactor: 1,
          retentionMs: 1,
          cleanupPolicy: 'delete',
        },
        schemaRegistry: false,
        connect: false,
      },
    ],
    namespaces: [],
  }),
  listTopics: async () => ({ items: [], totalCount: 0, offset: 0, limit: 25 }),
  getTopic: notStubbed('getTopic'),
  createTopic: notStubbed('createTopic'),
  updateTopic: notStubbed('updateTopic'),
  requestTopicDeletion: notStubbed('requestTopicDeletion'),
  listSchemas: notStubbed('listSchemas'),
  getSchema: notStubbed('getSchema'),
  getSchemaContent: notStubbed('getSchemaContent'),
  diffSchemaVersions: notStubbed('diffSchemaVersions'),
  validateSchema: notStubbed('validateSchema'),
  registerSchema: notStubbed('registerSchema'),
  requestSchemaOverride: notStubbed('requestSchemaOverride'),
  changeSchemaRule: notStubbed('changeSchemaRule'),
  setSchemaState: notStubbed('setSchemaState'),
  requestSchemaDeletion: notStubbed('requestSchemaDeletion'),
  listConnectors: notStubbed('listConnectors'),
  getConnector: notStubbed('getConnector'),
  pauseConnector: notStubbed('pauseConnector'),
  resumeConnector: notStubbed('resumeConnector'),
  stopConnector: notStubbed('stopConnector'),
  restartConnector: notStubbed('restartConnector'),
  restartConnectorTask: notStubbed('restartConnectorTask'),
  listConnectorPlugins: notStubbed('listConnectorPlugins'),
  validateConnectorConfig: notStubbed('validateConnectorConfig'),
  getConnectorPluginForm: notStubbed('getConnectorPluginForm'),
  requestConnectorCreation: notStubbed('requestConnectorCreation'),
  requestConnectorUpdate: notStubbed('requestConnectorUpdate'),
  requestConnectorDeletion: notStubbed('requestConnectorDeletion'),
  listApprovals: notStubbed('listApprovals'),
  getApproval: notStubbed('getApproval'),
  getApprovalEvidence: notStubbed('getApprovalEvidence'),
  approve: notStubbed('approve'),
  reject: notStubbed('reject'),
  cancel: notStubbed('cancel'),
  listConsumerGroups: notStubbed('listConsumerGroups'),
  getConsumerGroup: notStubbed('getConsumerGroup'),
  getConsumerGroupHistory: notStubbed('getConsumerGroupHistory'),
  listTopicConsumers: notStubbed('listTopicConsumers'),
  getEntityLag: notStubbed('getEntityLag'),
  getTopicThroughput: notStubbed('getTopicThroughput'),
  getPartitionDistribution: notStubbed('getPartitionDistribution'),
  getConnectorMetrics: notStubbed('getConnectorMetrics'),
  listAlertRules: notStubbed('listAlertRules'),
  createAlertRule: notStubbed('createAlertRule'),
  updateAlertRule: notStubbed('updateAlertRule'),
  deleteAlertRule: notStubbed('deleteAlertRule'),
  listCdcDatabases: notStubbed('listCdcDatabases'),
  introspectCdcSource: notStubbed('introspectCdcSource'),
  preflightCdcSource: notStubbed('preflightCdcSource'),
  previewCdcPipeline: notStubbed('previewCdcPipeline'),
  submitCdcPipeline: notStubbed('submitCdcPipeline'),
  listCdcPipelines: notStubbed('listCdcPipelines'),
  getCdcPipeline: notStubbed('getCdcPipeline'),
  getCdcPipelineStatus: notStubbed('getCdcPipelineStatus'),
  requestCdcDecommission: notStubbed('requestCdcDecommission'),
  operateCdcPipeline: notStubbed('operateCdcPipeline'),
  previewCdcChange: notStubbed('previewCdcChange'),
  requestCdcChange: notStubbed('requestCdcChange'),
};

describe('legacy app', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Legacy test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
  });

  it('renders EventStreamingPage from the legacy export, with its API', async () => {
    window.history.pushState({}, '', '/event-streaming');
    const App = createLegacyApp({
      signIn: false,
      apis: [createApiFactory(eventStreamingApiRef, api)],
    });
    render(<App />);
    expect(
      await screen.findByRole('heading', { name: 'Event Streaming' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('dev-local')).toBeInTheDocument();
    expect(screen.getByText('Reachable')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Approvals' })).toBeInTheDocument();
    expect(
      await screen.findByText('There are no topics in dev-local yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Event Streaming' }),
    ).toBeInTheDocument();
  });
});
