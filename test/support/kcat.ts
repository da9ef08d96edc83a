import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';

const kcatLine = z.object({
  partition: z.number().int(),
  offset: z.number().int(),
  key: z.string().nullable(),
  payload: z.string().nullable(),
});
export type TopicRecord = z.infer<typeof kcatLine>;

/** Every record of a topic, read by kcat (a consumer independent of kafkajs), in partition then offset order. */
export async function readTopicWithKcat(bootstrap: string, topic: string): Promise<TopicRecord[]> {
  const { stdout } = await promisify(execFile)('kcat', ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => kcatLine.parse(JSON.parse(line)))
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
