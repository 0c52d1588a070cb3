# Run by scripts/serve.sh through `odoo-bin shell` (env is the shell's) before a
# server with a read replica starts. Odoo's /web/assets route reads on the
# replica and, when a bundle is missing, generates it on the primary, then reads
# the new attachment back on the replica, which may not have it yet (the
# request then fails with "Record does not exist"; wkhtmltopdf prints without
# the style sheet). Generating the bundles the web client and the reports use
# once, on the primary, before serving, leaves nothing to generate.
BUNDLES = ("web.assets_web", "web.assets_frontend", "web.report_assets_common", "web.report_assets_pdf")
for name in BUNDLES:
    bundle = env["ir.qweb"]._get_asset_bundle(name, css=True, js=True)  # noqa: F821
    if bundle.stylesheets:
        bundle.css()
    if bundle.javascripts:
        bundle.js()
env.cr.commit()  # noqa: F821
