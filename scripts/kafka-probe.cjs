// Exits 0 when a Kafka broker at argv[2] answers a metadata request, 1 otherwise. Used by scripts/infra.sh.
const { Kafka, logLevel } = require('kafkajs');

const broker = process.argv[2] || '127.0.0.1:9092';
const kafka = new Kafka({
  clientId: 'velocity-synth-probe',
  brokers: [broker],
  connectionTimeout: 1000,
  requestTimeout: 2000,
  retry: { retries: 0 },
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
admin
  .connect()
  .then(() => admin.describeCluster())
  .then(
    (cluster) => admin.disconnect().then(() => process.exit(cluster.brokers.length > 0 ? 0 : 1)),
    () => process.exit(1),
  );
