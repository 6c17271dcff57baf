/// The endpoint tables, one per product, as read from Altinn's public sources (see /work/shared/ALTINN.md §2).
///
/// A row is (method, full path pattern, name). Names follow `product.area[.resource].action`, lower-case
/// letters and digits between the dots: the area is the API surface (`enduser`, `serviceowner`,
/// `filetransfer`, `systemuser.request.vendor`, …), the action a verb or the endpoint's own path word
/// (`search` for a filtered list, `list`, `get`, `create`, `update`, `patch`, `delete`, `download`,
/// `markasread`, …). An alias path of the same endpoint carries the same name.
enum RouteTables {
    static let all: [(product: Product, definitions: [RouteDefinition])] = [
        (.dialogporten, dialogporten),
        (.correspondence, correspondence),
        (.broker, broker),
        (.events, events),
        (.storage, storage),
        (.apps, apps),
        (.authentication, authentication),
    ]
}
