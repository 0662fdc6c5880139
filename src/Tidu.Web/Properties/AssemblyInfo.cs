using System.Resources;

// The UI is Chinese: the neutral resources are zh-CN, so no satellite lookup is needed for the default culture.
[assembly: NeutralResourcesLanguage("zh-CN")]
