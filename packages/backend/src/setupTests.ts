// Records which Kafka each test ran against, for the summary of `npm test`.
import { recordKafkaUse } from '@eventport/devstack/kafkaUse';

recordKafkaUse();
