/// The settings in `metodbank.yml` at the site root.
public struct SiteConfig: Sendable, Equatable {
    /// The bank's name, shown in the header and the page titles.
    public var title: String
    /// The canonical address of the published site (for QR codes, sitemap and feed), ending in `/`.
    public var baseURL: String?
    public var language: String
    public var theme: String
    /// The output folder, relative to the site root.
    public var output: String
    /// Error correction of printed QR codes: L, M, Q or H.
    public var qrLevel: String

    public init(title: String, baseURL: String? = nil, language: String = "ru", theme: String = "default", output: String = "site", qrLevel: String = "M") {
        self.title = title
        self.baseURL = baseURL
        self.language = language
        self.theme = theme
        self.output = output
        self.qrLevel = qrLevel
    }
}
