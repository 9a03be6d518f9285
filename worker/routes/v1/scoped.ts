/** `scoped('postMessage')`: the endpoint of the v1 contract and the scope middleware it asks for, to spread into `Routes.on`. */
import { V1_SCOPES, v1 } from '../../../protocol/rest/v1';
import { requireScope } from '../../api/bearer';

export const scoped = <K extends keyof typeof v1>(name: K) => [v1[name], requireScope(V1_SCOPES[name])] as const;
