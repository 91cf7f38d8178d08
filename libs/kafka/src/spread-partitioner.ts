import { Partitioners, type ICustomPartitioner, type Message } from 'kafkajs';

/**
 * A message that names what places it, apart from its key. The high-volume topics keep job_id as the key (what
 * downstream consumers group and filter by) while the partition follows the prompt pack, so one big job's work
 * spreads over every partition, and so over every instance of the stage reading them.
 */
export interface Spreadable {
  /** Messages with the same spread key share a partition (in order); absent, the key decides as usual. */
  spreadKey?: string;
}

/**
 * Kafka's default partitioning (murmur2 of the key modulo the partition count, as the Java client does), applied
 * to the spread key when a message has one. Both the plain and the transactional producers use it, so a
 * consume-transform-produce step places its output as a plain publish would.
 */
export const SpreadPartitioner: ICustomPartitioner = () => {
  const byKey = Partitioners.DefaultPartitioner();
  return (args) => {
    const spreadKey = (args.message as Message & Spreadable).spreadKey;
    if (spreadKey === undefined) return byKey(args);
    return byKey({ ...args, message: { ...args.message, key: spreadKey } });
  };
};
