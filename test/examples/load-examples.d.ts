import type { IConnections, INode } from 'n8n-workflow';

export interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: { executionOrder?: string };
}

export function loadExamples(): Array<{ file: string; workflow: ExampleWorkflow }>;
export const EXAMPLES_DIR: string;
