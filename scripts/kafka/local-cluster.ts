import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars } from './kafka-jars';
import { freePort, HOST, java, LocalBroker, LOG4J2, newClusterId } from './local-broker';

function nodeProperties(nodeId: number, port: number, controllerPort: number, voters: string, logDir: string): string {
  return [
    'process.roles=broker,controller',
    `node.id=${nodeId}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logDir}`,
    // What production platforms run: three replicas, two of them in sync before a write counts.
    'default.replication.factor=3',
    'min.insync.replicas=2',
    'num.partitions=3',
    'offsets.topic.replication.factor=3',
    'offsets.topic.num.partitions=4',
    'transaction.state.log.replication.factor=3',
    'transaction.state.log.min.isr=2',
    'share.coordinator.state.topic.replication.factor=3',
    'share.coordinator.state.topic.min.isr=2',
    'unclean.leader.election.enable=false',
    'controlled.shutdown.enable=true',
    'group.initial.rebalance.delay.ms=0',
    'group.min.session.timeout.ms=1000',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

/**
 * A three-node KRaft cluster on loopback (each node broker and controller), replication factor 3
 * and min in-sync replicas 2: what a platform's production cluster looks like, for the torture's
 * rolling restart. Each node is a LocalBroker (its JVM guarded the same way).
 */
export class LocalCluster {
  private constructor(
    readonly nodes: LocalBroker[],
    private readonly root: string,
  ) {}

  static async create(size = 3): Promise<LocalCluster> {
    await ensureKafkaJars();
    const root = mkdtempSync(join(tmpdir(), 'kds-cluster-'));
    const ports = await Promise.all(Array.from({ length: size }, () => freePort()));
    const controllers = await Promise.all(Array.from({ length: size }, () => freePort()));
    const clusterId = newClusterId();
    const voters = controllers.map((port, index) => `${index + 1}@${HOST}:${port}`).join(',');
    const nodes = ports.map((port, index) => {
      const workDir = join(root, `node${index + 1}`);
      const dataDir = join(workDir, 'data');
      mkdirSync(workDir, { recursive: true });
      writeFileSync(join(workDir, 'server.properties'), nodeProperties(index + 1, port, controllers[index] as number, voters, dataDir));
      writeFileSync(join(workDir, 'log4j2.properties'), LOG4J2);
      const format = spawnSync(
        'java',
        java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', join(workDir, 'server.properties')], workDir),
        {
          encoding: 'utf8',
        },
      );
      if (format.status !== 0) {
        rmSync(root, { recursive: true, force: true });
        throw new Error(`formatting node ${index + 1} failed: ${format.stderr || format.stdout}`);
      }
      return LocalBroker.ofPreparedNode(workDir, {
        bootstrap: `${HOST}:${port}`,
        port,
        controllerPort: controllers[index] as number,
        clusterId,
        dataDir,
      });
    });
    return new LocalCluster(nodes, root);
  }

  get brokers(): string[] {
    return this.nodes.map((node) => node.bootstrap);
  }

  async start(timeoutMs = 120_000): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.start(timeoutMs)));
    await this.untilAllInSync(timeoutMs);
  }

  /** A planned restart of one node: graceful stop (leadership moves away first), start, and wait until every replica is back in sync. */
  async restart(index: number, timeoutMs = 120_000): Promise<void> {
    const node = this.nodes[index];
    if (!node) throw new Error(`no node ${index}`);
    await node.stop();
    await node.start(timeoutMs);
    await this.untilAllInSync(timeoutMs);
  }

  /** Every node registered and every partition's replicas all in sync. */
  async untilAllInSync(timeoutMs = 120_000): Promise<void> {
    const admin = new Kafka({ brokers: this.brokers, clientId: 'cluster-check', logLevel: logLevel.NOTHING }).admin();
    const deadline = Date.now() + timeoutMs;
    try {
      await admin.connect();
      for (;;) {
        try {
          const cluster = await admin.describeCluster();
          const topics = (await admin.listTopics()).filter((topic) => topic !== '__cluster_metadata');
          const metadata = topics.length > 0 ? await admin.fetchTopicMetadata({ topics }) : { topics: [] };
          const lagging = metadata.topics.flatMap((t) => t.partitions).filter((p) => p.isr.length < p.replicas.length);
          if (cluster.brokers.length === this.nodes.length && lagging.length === 0) return;
        } catch {
          // a node still starting: ask again
        }
        if (Date.now() > deadline) throw new Error('the cluster did not get all replicas in sync in time');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    rmSync(this.root, { recursive: true, force: true });
  }
}
