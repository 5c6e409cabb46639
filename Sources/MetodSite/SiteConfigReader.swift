import MetodContent
import MetodCore

/// Reads `metodbank.yml` for commands outside the build (serve).
public enum SiteConfigReader {
    public static func load(siteRoot: FilePath) -> (SiteConfig?, [Diagnostic]) {
        SiteConfigLoader.load(siteRoot: siteRoot)
    }
}
