import { helmScanner } from '../../../scanners/helm';
import { describeCheckFixtures } from './fixture-cases';

describeCheckFixtures('helm', 'helm-', helmScanner);
