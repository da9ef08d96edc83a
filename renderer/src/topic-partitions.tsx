import { useTranslation } from 'react-i18next';
import type { ConnectionTest } from '../../shared/app-api';

/** A connection test's topics: each with its partitions, or what to ask the platform for when it is missing. */
export function TopicPartitions({ topics }: { topics: ConnectionTest['topics'] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {topics.map((topic) => (
        <li key={topic.name}>
          {topic.name}: {topic.partitions === null ? t('diag.test.topicMissing') : t('diag.test.partitions', { count: topic.partitions })}
        </li>
      ))}
    </ul>
  );
}
