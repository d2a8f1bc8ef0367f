import { dotenvScanner } from '../../../scanners/dotenv';
import { describeCheckFixtures } from '../compose/check-fixtures';

describeCheckFixtures('dotenv', 'dotenv-', dotenvScanner);
