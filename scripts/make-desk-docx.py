#!/usr/bin/env python3
"""Writes samples/desk/blind-properties.docx: a Turkish manuscript with an English abstract whose
text names no author, but whose document properties (docProps/core.xml) do. It is the sample of a
.docx that a double-blind profile must report for its properties alone.

Run from the repository root: python3 scripts/make-desk-docx.py
"""
import zipfile
from xml.sax.saxutils import escape

OUT = "samples/desk/blind-properties.docx"

PARAGRAPHS = [
    ("Title", "Kıyı Kasabalarında Yağmur Suyu Depoları ve Sivrisinek Üremesi"),
    ("Heading1", "Özet"),
    ("Normal", "Kıyı kasabalarında evlerin çoğu bahçe ve kullanım suyu için yağmur suyu deposu kullanmaktadır. Üstü açık bir depo, yılın büyük bölümünde sivrisinek larvalarına yuva olabilir. Bu çalışmada iki kasabada iki yağışlı mevsim boyunca 212 depo incelenmiş, her deponun kapalı, telli ya da açık olduğu kaydedilmiş ve standart bir kepçe örneğindeki larvalar sayılmıştır. Açık depolarda ziyaretlerin yüzde 61'inde, telli depolarda yüzde 9'unda ve kapalı depolarda yüzde 2'sinde larva bulunmuştur. Teli yırtık depolar açık depolardan daha iyi sonuç vermemiştir. Depo sahiplerinin çoğu bir deponun sivrisinek üretebileceğini bilmemekte, beşte birinden azı son bir yıl içinde teli kontrol etmiş bulunmaktadır. Sahiplerine kendi depolarındaki larvaların gösterildiği kısa bir ziyaretin ardından evlerin üçte ikisinde bir ay içinde onarım yapılmıştır. Tel örtü ucuzdur ve sağlam tutulduğu sürece işe yaramaktadır. Sağlık hizmetleri tel örtüyü, sahiplerin sorunu kendi gözleriyle gördüğü bir ziyaretle birlikte önermeli ve fırtınalardan sonra telleri yeniden kontrol etmelidir. Bulgular, küçük ve ucuz önlemlerin düzenli izleme ile birlikte uygulandığında kıyı kasabalarında sivrisinek üremesini belirgin biçimde azaltabileceğini göstermektedir."),
    ("Normal", "Anahtar Kelimeler: yağmur suyu deposu, sivrisinek, larva, halk sağlığı"),
    ("Heading1", "Abstract"),
    ("Normal", "Most households in coastal towns use a rainwater tank for garden and household water. An open tank can hold mosquito larvae for most of the year. In this study, 212 tanks in two towns were inspected over two wet seasons; each tank was recorded as sealed, screened or open, and the larvae in a standard dip sample were counted. Larvae were found on 61 percent of visits to open tanks, on 9 percent of visits to screened tanks and on 2 percent of visits to sealed tanks. Tanks with torn screens did no better than open ones. Most owners did not know that a tank could breed mosquitoes, and fewer than one in five had checked the screen in the past year. After a short visit in which owners were shown the larvae in their own tank, two thirds of households repaired the screen within a month. Screens are cheap and work as long as they are kept whole. Health services should offer screening together with a visit in which owners see the problem for themselves, and should check screens again after storms. The findings show that small and cheap measures, applied together with regular checks, can markedly reduce mosquito breeding in coastal towns."),
    ("Normal", "Keywords: rainwater tank, mosquito, larva, public health"),
    ("Heading1", "Giriş"),
    ("Normal", "Yağmur suyu depoları küçük kıyı kasabalarında birçok eve su sağlamaktadır. Bu depolar durgun, gölgeli ve nadiren karıştırılan yapılardır; kap içinde üreyen sivrisineklerin aradığı koşullar da bunlardır."),
    ("Heading1", "Yöntem"),
    ("Normal", "İki kasabanın kayıtlarındaki her üç evden biri ziyaret edilmiş, depo sahibinden izin alınarak depo incelenmiştir."),
    ("Heading1", "Bulgular"),
    ("Normal", "İncelenen 212 deponun 74'ü açık, 101'i telli ve 37'si kapalıdır."),
    ("Heading1", "Tartışma"),
    ("Normal", "Tel örtüler sağlam olduklarında işe yaramaktadır; sahipler onları nadiren kontrol etmektedir."),
    ("Heading1", "Yazar Katkıları"),
    ("Normal", "Birinci yazar: Conceptualization, Investigation, Writing – original draft. İkinci yazar: Formal analysis, Writing – review & editing."),
    ("Heading1", "Çıkar Çatışması Beyanı"),
    ("Normal", "Yazarlar arasında herhangi bir çıkar çatışması bulunmamaktadır."),
    ("Heading1", "Kaynakça"),
    ("Normal", "Hale, R. (2011). Container-breeding mosquitoes in domestic water stores. Journal of Vector Ecology, 36, 112–119."),
]

def paragraph(style, text):
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
            + "".join(paragraph(s, t) for s, t in PARAGRAPHS) + '</w:body></w:document>')
styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="tr-TR"/></w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
          '</w:styles>')
core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title>Yağmur suyu depoları</dc:title><dc:creator>Deniz Evren</dc:creator>'
        '<cp:lastModifiedBy>Deniz Evren</cp:lastModifiedBy>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-20T09:00:00Z</dcterms:created>'
        '</cp:coreProperties>')
types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
         '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
         '</Types>')
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '</Relationships>')
doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')

with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("[Content_Types].xml", types), ("_rels/.rels", rels),
                       ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels),
                       ("word/styles.xml", styles), ("docProps/core.xml", core)]:
        info = zipfile.ZipInfo(name, date_time=(2026, 12, 2, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
print(OUT)
