/** What a service needs to deliver into one CloudWatch log group: create its streams and put events, in that group only. */
import type { PolicyStatement } from '../document';

export function writeLogStreamsStatement(sid: string, logGroupArn: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: `${logGroupArn}:log-stream:*`,
  };
}
