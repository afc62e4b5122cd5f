export interface Config {
  /** Configuration of the Eventport event-streaming plugins. */
  eventStreaming?: {
    /** The Kafka clusters Eventport manages. */
    clusters?: Array<{
      /**
       * Stable id of the cluster: lowercase letters, digits and '-'. Used in
       * entity annotations and URLs, so do not rename a cluster in use.
       * @visibility frontend
       */
      name: string;
      /**
       * The environment the cluster belongs to; limits are set per environment.
       * @visibility frontend
       */
      environment: 'dev' | 'staging' | 'prod';
      /** Bootstrap brokers as `host:port`. */
      brokers: string[];
      /** Use TLS towards the brokers. */
      ssl?: boolean;
      /** SASL authentication towards the brokers, as kafkajs takes it. */
      sasl?: {
        /** One of `plain`, `scram-sha-256`, `scram-sha-512`. */
        mechanism: string;
        /** SASL user name. */
        username: string;
        /**
         * SASL password. Never sent to the browser, logged or audited.
         * @visibility secret
         */
        password: string;
      };
      /** The Kafka Connect cluster attached to this Kafka cluster. */
      connect?: {
        /** Base URL of the Kafka Connect REST API. */
        url: string;
        /** Basic authentication towards the Connect REST API. */
        auth?: {
          username: string;
          /**
           * Never sent to the browser, logged or audited.
           * @visibility secret
           */
          password: string;
        };
        /** Timeout of each REST call in milliseconds (default 10000). */
        timeoutMs?: number;
      };
      /** The Apicurio Registry attached to this Kafka cluster. */
      schemaRegistry?: {
        /** Base URL of the Apicurio Registry v3 REST API. */
        url: string;
      };
      /**
       * Link templates shown in the UI. `{topic}`, `{group}`, `{cluster}` and
       * `{connector}` are filled in.
       */
      links?: {
        /**
         * Grafana dashboard link template: one string, used wherever its
         * placeholders fit, or one template per kind of resource.
         */
        grafana?:
          | string
          | { topic?: string; group?: string; connector?: string };
        /** Kafka UI link template, in the same two forms. */
        kafkaUi?:
          | string
          | { topic?: string; group?: string; connector?: string };
      };
    }>;
    /**
     * The offset sampler and the lag alerts. Durations take the form
     * `{ seconds: 30 }`.
     */
    monitoring?: {
      /** Set to false to turn the sampler and the alert evaluator off. */
      enabled?: boolean;
      /** Time between two offset samples; default 30 s. */
      sampleInterval?: { [unit: string]: number };
      /** How long samples are kept; default 24 h. */
      retention?: { [unit: string]: number };
      /** Samples younger than this keep full resolution; default 1 h. */
      fullResolution?: { [unit: string]: number };
      /** Older samples are thinned to one per bucket of this size; default 5 min. */
      downsampleBucket?: { [unit: string]: number };
      /** Window of the rates and the lag status; default 5 min. */
      window?: { [unit: string]: number };
      /** A group viewed in the portal is sampled this long afterwards; default 1 h. */
      recentView?: { [unit: string]: number };
      /** Bounds of the work users can make persist; past them the answer is 429. */
      limits?: {
        /**
         * Groups watched per cluster because a page showed them (only
         * groups that exist are watched); default 2000.
         */
        watchedGroupsPerCluster?: number;
        /** Alert rules one user may create on a cluster; default 50. */
        alertRulesPerUser?: number;
        /** Alert rules on one cluster; default 1000. */
        alertRulesPerCluster?: number;
      };
    };
    /** Topic namespaces: a team owns the topics under its prefix. */
    namespaces?: Array<{
      /** Topic name prefix, for example `payments.`. */
      prefix: string;
      /** Entity ref of the owning group, for example `group:default/payments`. */
      owner: string;
      /**
       * Groups whose connectors may also read (consume) this namespace's
       * topics; the owner always may.
       */
      readers?: string[];
    }>;
    /**
     * What self-service connectors may use. Every connector request (and
     * every validation, which makes Kafka Connect resolve references) is
     * checked with the rights of the connector's owner group.
     */
    connect?: {
      /**
       * Connector, transform, predicate and converter classes allowed per
       * environment (`dev`, `staging`, `prod`); an entry ending in `*`
       * matches a prefix. Kafka's own transforms, predicates and converters
       * are always allowed. No entry: no connector class is allowed.
       */
      allowedClasses?: { [environment: string]: string[] };
      /**
       * Classes that capture a database. They are refused on the connector
       * routes: such connectors are CDC pipelines, decided by the security
       * reviewers. Default: Debezium's connectors and the common JDBC and
       * MongoDB source connectors.
       */
      captureClasses?: string[];
      /**
       * Folders on the Connect workers that `file`-like settings may name.
       * Without `owner`, every team may use the folder.
       */
      fileDirectories?: Array<{ path: string; owner?: string }>;
      /**
       * Config-provider references a team may use, such as every
       * `$${env:EVENTPORT_CONNECT_TEAM_A_…}`: `provider` as the worker names
       * it, `path` for file and dir providers, `keyPrefix` (default: any
       * key) and the owning group. Every other reference is refused before
       * anything reaches Kafka Connect.
       */
      secretReferences?: Array<{
        provider: string;
        path?: string;
        keyPrefix?: string;
        owner: string;
      }>;
      /** Upper bound of a connector's `tasks.max` (default 8). */
      maxTasks?: number;
    };
    /** Extra naming rules for topics, on top of Kafka's own. */
    naming?: {
      /**
       * A regular expression every new topic name must match, e.g.
       * `^[a-z0-9.-]+$`. Names mixing '.' and '_' are always refused.
       * @visibility frontend
       */
      pattern?: string;
    };
    /** Defaults for new topics. */
    topicDefaults?: {
      /** Number of partitions. */
      partitions?: number;
      /** Replication factor. */
      replicationFactor?: number;
      /** Retention as a human duration, for example `{ days: 7 }`. */
      retention?: { [unit: string]: number };
      /** `delete` or `compact` (or `compact,delete`). */
      cleanupPolicy?: string;
    };
    /** Self-service limits per environment (`dev`, `staging`, `prod`). */
    limits?: {
      [environment: string]: {
        /** Allowed retention range. */
        retention?: {
          /** Shortest allowed retention, for example `{ hours: 1 }`. */
          min?: { [unit: string]: number };
          /** Longest allowed retention, for example `{ days: 30 }`. */
          max?: { [unit: string]: number };
        };
        /** Largest partition count a topic may have. */
        maxPartitions?: number;
      };
    };
    /** Who decides approval requests. */
    approvals?: {
      /** Entity refs of the users or groups that may decide approval requests. */
      approvers?: string[];
      /** Entity refs of the users or groups that decide CDC data-access reviews. */
      securityReviewers?: string[];
      /**
       * How long a pending request waits for a decision before it expires,
       * such as `{ days: 7 }` (the default). Requester and approver see when.
       */
      expiry?: { [unit: string]: number };
      /**
       * Rules under which the system approves a request at once, written in
       * its history and the audit as the system's decision. For
       * `topic.delete`, `schema.override`, `schema.rule`, `schema.delete`
       * and `connector.update`; never for CDC requests, new connectors or
       * connector deletions.
       */
      autoApprove?: Array<{
        name: string;
        kind:
          | 'topic.delete'
          | 'schema.override'
          | 'schema.rule'
          | 'schema.delete'
          | 'connector.update';
        /** The clusters' environments the rule covers, e.g. `[dev]`. */
        environments: string[];
        /** Only names (topic, artifact id, connector) starting with one of these. */
        namePrefixes?: string[];
        /** `topic.delete` only: the same as `namePrefixes`. */
        topicPrefixes?: string[];
        /**
         * Conditions on the request's evidence, each true by default.
         * `topic.delete`: all four; the schema kinds: `noReaders` (of the
         * artifact's topic).
         */
        when?: {
          noReaders?: boolean;
          noRecentWrites?: boolean;
          notDeclared?: boolean;
          noConnectors?: boolean;
        };
        /**
         * `connector.update` only, and required: every changed key must be
         * one of these. Keys that change what a connector reaches (topics,
         * files, classes, transforms, client overrides, secrets) are refused.
         */
        onlyKeys?: string[];
        /** `false` switches the rule off. */
        enabled?: boolean;
      }>;
    };
    /** Change data capture (Debezium) from source databases. */
    cdc?: {
      /**
       * Source databases by id. A catalog `Resource` entity of
       * `spec.type: database` names one with the annotation
       * `eventport.io/cdc-source: <id>`. The id: letters, digits, '_'
       * and '-', up to 63 characters.
       */
      sources?: {
        [id: string]: {
          /** `postgres`, or `mariadb` / `mysql` (one binlog protocol). */
          type: 'postgres' | 'mariadb' | 'mysql';
          /** Host name or address of the database server. */
          host: string;
          /** Port; default 5432 (postgres) or 3306 (mariadb, mysql). */
          port?: number;
          /** The database to capture from (PostgreSQL: its schemas are listed). */
          database: string;
          /** The user Eventport introspects with, and Debezium connects as. */
          user: string;
          /**
           * The user's password, usually an env substitution such as
           * `${CDC_SHOP_PASSWORD}`. Never sent to the browser, logged,
           * audited or written into a connector config.
           * @visibility secret
           */
          password?: string;
          /** Timeout of the connection and of each query in milliseconds (default 10000). */
          timeoutMs?: number;
          /**
           * Groups that may introspect the source and build pipelines from
           * it, besides the owner of its catalog entity.
           */
          users?: string[];
          /** How the Debezium connector, running on the Connect worker, reaches the database. */
          connector?: {
            /** Host as the Connect worker sees it (default: `host`). */
            host?: string;
            /** Port as the Connect worker sees it (default: `port`). */
            port?: number;
            /**
             * What the connector config holds instead of the password: a
             * config-provider reference the worker resolves, such as
             * `${env:EVENTPORT_CONNECT_SHOP_PASSWORD}` or
             * `${secrets:kafka/shop-db:password}` (Strimzi's
             * KubernetesSecretConfigProvider). Default:
             * `${env:EVENTPORT_CONNECT_<ID>_PASSWORD}`. In app-config
             * files write `$${...}`, so that Backstage's own `${...}`
             * substitution leaves the reference alone.
             */
            passwordReference?: string;
          };
        };
      };
      /**
       * Where approved pipelines go. Without it, approval creates the
       * change topics and the connector directly through Kafka Connect.
       */
      gitops?: {
        /** The git remote: https://, ssh, or a path / file:// URL. */
        url: string;
        /** The branch manifests are proposed against (default `main`). */
        baseBranch?: string;
        /** Folder in the repository; each pipeline gets `<path>/<name>/` (default `kafka/cdc`). */
        path?: string;
        /** Branch names are `<branchPrefix><pipeline>` (default `eventport/cdc-`). */
        branchPrefix?: string;
        author?: { name?: string; email?: string };
        /** HTTPS user name (default `x-access-token`). */
        username?: string;
        /**
         * HTTPS token for pushing. When absent and the host has a GitHub
         * integration, its credentials are used; a pull request is then
         * opened through that integration.
         * @visibility secret
         */
        token?: string;
        /**
         * How often a GitOps pipeline's stored status is compared with Kafka
         * Connect, and a decommission waiting for the operator finished,
         * such as `{ seconds: 30 }` (the default; at least a second).
         */
        followInterval?: { [unit: string]: number };
      };
      /** How the Strimzi manifests are written. */
      strimzi?: {
        /** `v1` for Strimzi 1.x (default), `v1beta2` for Strimzi 0.50 and older. */
        apiVersion?: 'v1' | 'v1beta2';
        /** `strimzi.io/cluster` of the KafkaConnector: the KafkaConnect resource (default `connect`). */
        connectCluster?: string;
        /** `strimzi.io/cluster` of the KafkaTopics, by Eventport cluster name (default: that name). */
        kafkaClusters?: { [cluster: string]: string };
        /** `metadata.namespace` of every manifest. */
        namespace?: string;
      };
      /**
       * The replication-slot guard: on a schedule, it finds the slots
       * Eventport named (`eventport_…`) on each PostgreSQL source that
       * belong to no live pipeline, have been inactive too long, or keep too
       * much WAL, and notifies the pipeline's owner and the approvers.
       */
      slotGuard?: {
        /** Default true (it runs when a PostgreSQL source is configured). */
        enabled?: boolean;
        /** Time between two checks, such as `{ minutes: 5 }` (the default). */
        frequency?: { [unit: string]: number };
        /** How long a live pipeline's slot may stay inactive before it is reported (default `{ hours: 1 }`). */
        inactiveAfter?: { [unit: string]: number };
        /**
         * Retained WAL, in MiB, past which a slot is reported and a paused
         * pipeline's page warns (default 1024).
         */
        retainedWalWarningMb?: number;
      };
      /**
       * Apicurio's base URL as the Connect worker reaches it, for the Avro
       * converter (default: from the cluster's `schemaRegistry.url`).
       */
      registryUrl?: string;
    };
    /** Schema artifacts in the clusters' registries. */
    schemaRegistry?: {
      /**
       * Owner of the artifacts of a registry group, by group id, for
       * artifacts that neither follow a topic (`<topic>-key`,
       * `<topic>-value`) nor carry an `owner` label.
       * For example `{ payments: 'group:default/payments' }`.
       */
      groupOwners?: { [groupId: string]: string };
    };
  };
}
