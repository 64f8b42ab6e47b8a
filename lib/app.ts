/** CDK entry: `npx cdk synth|deploy --all [-c stage=prod -c senderAddress=…]`. */
import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';

buildApp(new App());
