/// What a request is, in the catalogue's words: its product and the stable name of its endpoint.
///
/// Names are lower-case and dot-separated, `product.area[.resource].action`, for example
/// `dialogporten.enduser.dialogs.search` or `broker.filetransfer.download`. A request under a known product
/// that matches no endpoint is `<product>.other`; one that belongs to no product is `unknown`.
public struct Route: Sendable, Hashable {
    public let product: Product
    public let name: String

    public init(product: Product, name: String) {
        self.product = product
        self.name = name
    }
}
