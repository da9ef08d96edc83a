import type { ConnectionTest } from '../../shared/app-api';

/** A connection test's topics: each with its partitions, or what to ask the platform for when it is missing. */
export function TopicPartitions({ topics }: { topics: ConnectionTest['topics'] }) {
  return (
    <ul>
      {topics.map((topic) => (
        <li key={topic.name}>
          {topic.name}: {topic.partitions === null ? 'missing — ask the platform to create it' : `${topic.partitions} partitions`}
        </li>
      ))}
    </ul>
  );
}
